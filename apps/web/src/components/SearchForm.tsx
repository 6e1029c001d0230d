import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './form';

/**
 * The search box every list page opens with: words typed are applied on submit (not on each
 * key, so screen readers are not flooded), and page-specific filters go below as children.
 */
export function SearchForm({
  id,
  formLabel,
  label,
  initial,
  maxLength,
  onSearch,
  children,
}: {
  id: string;
  /** The landmark's name, e.g. "Cerca nei membri". */
  formLabel: string;
  /** The field's label. */
  label: string;
  initial: string;
  maxLength: number;
  onSearch(q: string): void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft.trim());
  };
  return (
    <form role="search" aria-label={formLabel} onSubmit={submit} className="mb-4">
      <div className="row g-3 align-items-end">
        <div className="col-12 col-md-8">
          <TextField
            id={id}
            label={label}
            type="search"
            value={draft}
            onValueChange={setDraft}
            maxLength={maxLength}
          />
        </div>
        <div className="col-12 col-md-4 mb-4">
          <button type="submit" className="btn btn-primary w-100">
            {t('common.search')}
          </button>
        </div>
      </div>
      {children}
    </form>
  );
}
