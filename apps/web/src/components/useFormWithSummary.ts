import { useState, type FormEvent } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type UseFormReturn,
} from 'react-hook-form';

export interface FormWithSummaryOptions<T extends FieldValues> {
  defaultValues: DefaultValues<T>;
  /** A form field named otherwise than the API's (`organization` → `organizationId`). */
  apiNames?: Partial<Record<keyof T & string, string>>;
}

export interface FormWithSummary<T extends FieldValues> {
  form: UseFormReturn<T>;
  /**
   * The messages of the rules that failed at the last submit, keyed by the API's field names in
   * the order of `defaultValues`: what `ErrorSummary` and `fieldErrorMessages` take as
   * `clientErrors`. A new object each submit (the summary takes focus again), none in between.
   */
  clientErrors: Record<string, string>;
  /** The form's onSubmit: does nothing while `busy`, else checks the rules and calls `onValid`. */
  onSubmit(busy: boolean, onValid: (values: T) => void): (event: FormEvent) => void;
}

/**
 * react-hook-form as Convergo's forms use it: the rules are checked when the form is sent, not
 * while typing; focus goes to the error summary rather than the first field; the server's
 * problem+json field errors are shown beside these, through `fieldErrorMessages`.
 */
export function useFormWithSummary<T extends FieldValues>({
  defaultValues,
  apiNames = {},
}: FormWithSummaryOptions<T>): FormWithSummary<T> {
  const form = useForm<T>({
    defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const names = Object.keys(defaultValues) as (keyof T & string)[];

  const messages = (errors: FieldErrors<T>): Record<string, string> => {
    const found: Record<string, string> = {};
    for (const name of names) {
      const message = errors[name]?.message;
      if (typeof message === 'string') found[apiNames[name] ?? name] = message;
    }
    return found;
  };

  return {
    form,
    clientErrors,
    onSubmit: (busy, onValid) => (event) => {
      event.preventDefault();
      if (busy) return;
      void form.handleSubmit(
        (values) => {
          setClientErrors({});
          onValid(values);
        },
        (errors) => setClientErrors(messages(errors)),
      )(event);
    },
  };
}
