import { Transform } from 'class-transformer';

/** Trims and collapses inner whitespace of strings; anything else goes on to fail validation. */
export const NormalizeSpaces = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value,
  );

/** Trims strings and turns an empty one into null ("clear this field"). */
export const EmptyToNull = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  });

/** Kinds an administrator adds by hand; territorial ones come from the ISTAT reference data. */
export const MANAGED_KINDS = ['amministrazione_centrale', 'universita', 'ente_pubblico', 'agenzia'] as const;
export type ManagedKind = (typeof MANAGED_KINDS)[number];

/** Letters of any script, digits, spaces and the punctuation of Italian administrations' names. */
export const ORGANIZATION_NAME = /^[\p{L}\p{M}\p{N} .,;:'’&()/+!\-–"«»°]+$/u;

/** IPA codes ("c_f839", "m_it", "uniroma1"). */
export const IPA_CODE = /^[A-Za-z0-9_.-]{2,40}$/;
