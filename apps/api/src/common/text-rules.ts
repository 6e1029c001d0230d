/** Some visible character: not only spaces, nor only invisible format characters (U+200B, U+FEFF…). */
export const NOT_BLANK = /[^\s\p{Cf}]/u;
/** One-line text (titles): no control characters at all, NUL included. */
export const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
/** Multi-line text (comments, motivations): line breaks and tabs allowed, other control characters (NUL…) not. */
export const NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/u;
/**
 * No lone UTF-16 surrogates (JSON lets `"\ud800"` through): the database driver would store them
 * as U+FFFD, silently changing what the member wrote.
 */
export const WELL_FORMED_UNICODE = /^\P{Cs}*$/u;

/** class-transformer: trims strings, leaves anything else for the validators to refuse. */
export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
