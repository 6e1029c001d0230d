import { Controller, type Control, type FieldValues, type Path, type Validate } from 'react-hook-form';
import { TextField } from './form';
import { fieldProps } from './field-props';

/** A required `datetime-local` field of a react-hook-form form, checked by `validate` when sent. */
export function DateTimeField<T extends FieldValues>({
  control,
  name,
  meta,
  error,
  validate,
  hint,
}: {
  control: Control<T>;
  name: Path<T>;
  meta: { id: string; label: string };
  error: string | undefined;
  validate: (value: string) => true | string;
  hint?: string;
}) {
  return (
    <Controller
      control={control}
      name={name}
      rules={{ validate: validate as Validate<T[Path<T>], T> }}
      render={({ field }) => (
        <TextField {...fieldProps(meta, field, error)} type="datetime-local" required hint={hint} />
      )}
    />
  );
}
