/**
 * The props every field component of components/form takes from a react-hook-form Controller:
 * its id and label (from the form's `fields` table, which the error summary reads too), the
 * controlled value and the message of its error, so a form does not spell them out per field.
 */
export function fieldProps<V>(
  meta: { id: string; label: string },
  field: { value: V; onChange: (value: V) => void },
  error: string | undefined,
): { id: string; label: string; value: V; onValueChange: (value: V) => void; error: string | undefined } {
  return { id: meta.id, label: meta.label, value: field.value, onValueChange: field.onChange, error };
}
