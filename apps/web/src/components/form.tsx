import {
  useId,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Bootstrap Italia form fields with what WCAG asks of them: a visible label tied to the
 * control, help and error text announced through aria-describedby, aria-invalid.
 * Labels stay above the field (class `active`) instead of floating over it.
 */
interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
  className?: string;
}

/** Label, help and error around a control; exported for controls richer than these fields. */
export function FieldFrame({ id, label, hint, error, required, children, className }: FieldFrameProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group ${className ?? ''}`}>
      <label htmlFor={id} className="active">
        {label}
        {required && (
          <span className="text-danger ms-1">
            <span aria-hidden="true">*</span>
            <span className="visually-hidden">{t('form.required')}</span>
          </span>
        )}
      </label>
      {children(describedBy)}
      {hint && (
        <small id={hintId} className="form-text d-block">
          {hint}
        </small>
      )}
      {error && (
        <div id={errorId} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </div>
  );
}

type NativeInput = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'>;

export interface TextFieldProps extends NativeInput {
  id: string;
  label: ReactNode;
  value: string;
  onValueChange(value: string): void;
  hint?: ReactNode;
  error?: string;
}

export function TextField({
  id,
  label,
  value,
  onValueChange,
  hint,
  error,
  required,
  className,
  ...rest
}: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required} className={className}>
      {(describedBy) => (
        <input
          id={id}
          className={`form-control${error ? ' is-invalid' : ''}`}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          required={required}
          {...rest}
        />
      )}
    </FieldFrame>
  );
}

export function PasswordField(props: Omit<TextFieldProps, 'type'>) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  const toggleId = `${props.id}-show`;
  return (
    <div className="mb-2">
      <TextField {...props} className="mb-1" type={visible ? 'text' : 'password'} />
      <div className="form-check form-check-inline mb-3">
        <input
          id={toggleId}
          type="checkbox"
          checked={visible}
          onChange={(event) => setVisible(event.target.checked)}
        />
        <label htmlFor={toggleId}>{t('form.showPassword')}</label>
      </div>
    </div>
  );
}

type NativeTextArea = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange' | 'value'>;

export interface TextAreaFieldProps extends NativeTextArea {
  id: string;
  label: ReactNode;
  value: string;
  onValueChange(value: string): void;
  hint?: ReactNode;
  error?: string;
}

export function TextAreaField({
  id,
  label,
  value,
  onValueChange,
  hint,
  error,
  required,
  ...rest
}: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      {(describedBy) => (
        <textarea
          id={id}
          className={`form-control${error ? ' is-invalid' : ''}`}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          required={required}
          rows={4}
          {...rest}
        />
      )}
    </FieldFrame>
  );
}

type NativeSelect = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'>;

export interface SelectFieldProps extends NativeSelect {
  id: string;
  label: ReactNode;
  value: string;
  onValueChange(value: string): void;
  options: readonly { value: string; label: string }[];
  /** Label of an empty first option ("all"), when the field may be left empty. */
  emptyLabel?: string;
  hint?: ReactNode;
  error?: string;
}

export function SelectField({
  id,
  label,
  value,
  onValueChange,
  options,
  emptyLabel,
  hint,
  error,
  required,
  ...rest
}: SelectFieldProps) {
  return (
    <FieldFrame
      id={id}
      label={label}
      hint={hint}
      error={error}
      required={required}
      className="select-wrapper"
    >
      {(describedBy) => (
        <select
          id={id}
          // Bootstrap Italia's select: the browser's own arrow in `.select-wrapper`; `form-select`
          // would add Bootstrap's chevron beside it.
          className={error ? 'is-invalid' : undefined}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          required={required}
          {...rest}
        >
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export interface CheckboxFieldProps {
  id?: string;
  label: ReactNode;
  checked: boolean;
  onCheckedChange(checked: boolean): void;
  hint?: ReactNode;
}

export function CheckboxField({ id, label, checked, onCheckedChange, hint }: CheckboxFieldProps) {
  const generated = useId();
  const fieldId = id ?? generated;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  return (
    <div className="form-check">
      <input
        id={fieldId}
        type="checkbox"
        checked={checked}
        onChange={(event) => onCheckedChange(event.target.checked)}
        aria-describedby={hintId}
      />
      <label htmlFor={fieldId}>{label}</label>
      {hint && (
        <small id={hintId} className="form-text d-block">
          {hint}
        </small>
      )}
    </div>
  );
}
