import { useTranslation } from 'react-i18next';
import { initials } from '../../documents/member-colour';
import type { Present } from '../../documents/usePresence';

/** The people in the document now, as coloured initials (their caret colour) with their names. */
export function PresenceList({ present }: { present: Present[] }) {
  const { t } = useTranslation();
  if (present.length === 0) return null;
  return (
    <div className="d-flex align-items-center gap-2">
      <span className="small" id="document-present-label">
        {t('documents.editor.present')}:
      </span>
      <ul
        className="document-presence list-unstyled d-flex gap-1 mb-0"
        aria-labelledby="document-present-label"
      >
        {present.map((person) => {
          const name = person.self ? t('documents.editor.you', { name: person.name }) : person.name;
          return (
            <li key={person.memberId} data-member-id={person.memberId}>
              <span
                className="document-avatar"
                style={{ backgroundColor: person.color }}
                title={name}
                aria-hidden="true"
              >
                {initials(person.name)}
              </span>
              <span className="visually-hidden">{name}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
