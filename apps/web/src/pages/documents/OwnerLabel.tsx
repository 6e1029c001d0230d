import { useTranslation } from 'react-i18next';
import type { OwnerOption } from '../../documents/useOwnerOptions';

/** Who owns a document, by name when the member's owner list knows it, else by type. */
export function OwnerLabel({ value, options }: { value: string; options: OwnerOption[] }) {
  const { t } = useTranslation();
  const known = options.find((option) => option.value === value);
  if (known) return <>{known.label}</>;
  const type = value.slice(0, value.indexOf(':'));
  switch (type) {
    case 'member':
      return <>{t('documents.owner.member')}</>;
    case 'space':
      return <>{t('documents.owner.spaceType')}</>;
    case 'lab':
      return <>{t('documents.owner.labType')}</>;
    case 'twinning':
      return <>{t('documents.owner.twinningType')}</>;
    default:
      return <>{t('documents.owner.other')}</>;
  }
}
