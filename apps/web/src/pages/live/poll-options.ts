/** The poll options as typed, one per line (blank lines skipped). */
export function pollOptions(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
