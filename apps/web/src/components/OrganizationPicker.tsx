import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Controller, type Control, type FieldValues, type Path, type Validate } from 'react-hook-form';
import type { OrganizationSummary } from '@convergo/contracts';
import { toApiError } from '../api/problem';
import { kindLabel } from '../lib/organization-labels';
import { useDebouncedValue } from '../lib/useDebouncedValue';
import { organizationKeys, searchOrganizations } from '../pages/organizations/organizations-api';
import { problemMessage } from './ProblemAlert';

export type PickedOrganization = Pick<OrganizationSummary, 'id' | 'name' | 'kind' | 'region'>;

export interface OrganizationPickerProps {
  /** Prefix of the element ids; the search box gets `${id}` so error summaries can link to it. */
  id: string;
  legend: string;
  value: PickedOrganization | null;
  onChange(organization: PickedOrganization | null): void;
  required?: boolean;
  error?: string;
}

const MIN_CHARS = 2;

/**
 * Search box + result buttons, calling GET /organizations?q=&limit=10 (public).
 * Buttons rather than a combobox: plain to use with a keyboard and a screen reader.
 */
export function OrganizationPicker({
  id,
  legend,
  value,
  onChange,
  required,
  error,
}: OrganizationPickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q.trim(), 300);
  const changeRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [focusAfter, setFocusAfter] = useState<'change' | 'search' | null>(null);

  const results = useQuery({
    queryKey: organizationKeys.picker(debounced),
    queryFn: ({ signal }) => searchOrganizations(debounced, 10, signal),
    enabled: value === null && debounced.length >= MIN_CHARS,
    staleTime: 60_000,
  });

  useEffect(() => {
    if (focusAfter === 'change') changeRef.current?.focus();
    if (focusAfter === 'search') searchRef.current?.focus();
    setFocusAfter(null);
  }, [focusAfter]);

  const errorId = error ? `${id}-error` : undefined;
  const hintId = `${id}-hint`;
  const statusId = `${id}-status`;

  let status = '';
  if (value === null && debounced.length >= MIN_CHARS) {
    if (results.isFetching) status = t('common.searching');
    else if (results.data) {
      status = results.data.items.length
        ? t('organizationPicker.found', { count: results.data.items.length })
        : t('organizationPicker.none');
    }
  }

  return (
    <fieldset className="mb-4" aria-describedby={errorId}>
      <legend className="h6 fw-semibold">
        {legend}
        {required && (
          <span className="text-danger ms-1">
            <span aria-hidden="true">*</span>
            <span className="visually-hidden">{t('form.required')}</span>
          </span>
        )}
      </legend>
      {value ? (
        <div className="d-flex flex-wrap align-items-center gap-3">
          <p className="mb-0" id={`${id}-selected`}>
            <strong>{value.name}</strong>{' '}
            <span className="text-muted">
              ({[kindLabel(t, value.kind), value.region].filter(Boolean).join(', ')})
            </span>
          </p>
          <button
            ref={changeRef}
            id={id}
            type="button"
            className="btn btn-outline-primary btn-sm"
            aria-describedby={`${id}-selected`}
            onClick={() => {
              onChange(null);
              setFocusAfter('search');
            }}
          >
            {required ? t('organizationPicker.change') : t('organizationPicker.clear')}
          </button>
        </div>
      ) : (
        <>
          <div className="form-group mb-2">
            <label htmlFor={id} className="active">
              {t('organizationPicker.searchLabel')}
            </label>
            <input
              ref={searchRef}
              id={id}
              type="search"
              className={`form-control${error ? ' is-invalid' : ''}`}
              value={q}
              onChange={(event) => setQ(event.target.value)}
              autoComplete="off"
              aria-invalid={error ? true : undefined}
              aria-describedby={[errorId, hintId].filter(Boolean).join(' ')}
            />
            <small id={hintId} className="form-text d-block">
              {t('organizationPicker.hint', { count: MIN_CHARS })}
            </small>
          </div>
          <p id={statusId} className="visually-hidden" role="status" aria-live="polite">
            {status}
          </p>
          {results.isError && <p className="text-danger">{problemMessage(toApiError(results.error), t)}</p>}
          {results.data && results.data.items.length > 0 && (
            <ul className="list-unstyled mb-0" aria-label={t('organizationPicker.results')}>
              {results.data.items.map((organization) => (
                <li key={organization.id} className="mb-1">
                  <button
                    type="button"
                    className="btn btn-link p-0 text-start"
                    onClick={() => {
                      onChange(organization);
                      setQ('');
                      setFocusAfter('change');
                    }}
                  >
                    {organization.name}{' '}
                    <span className="text-muted">
                      ({[kindLabel(t, organization.kind), organization.region].filter(Boolean).join(', ')})
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {error && (
        <div id={errorId} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </fieldset>
  );
}

/** A required OrganizationPicker as a react-hook-form field (`organization`, sent as `organizationId`). */
export function RequiredOrganizationField<T extends FieldValues>({
  control,
  name,
  meta,
  error,
  requiredMessage,
}: {
  control: Control<T>;
  name: Path<T>;
  meta: { id: string; label: string };
  error: string | undefined;
  requiredMessage: string;
}) {
  return (
    <Controller
      control={control}
      name={name}
      rules={{
        validate: ((value: PickedOrganization | null) => value !== null || requiredMessage) as Validate<
          T[Path<T>],
          T
        >,
      }}
      render={({ field }) => (
        <OrganizationPicker
          id={meta.id}
          legend={meta.label}
          value={field.value as PickedOrganization | null}
          onChange={field.onChange}
          required
          error={error}
        />
      )}
    />
  );
}
