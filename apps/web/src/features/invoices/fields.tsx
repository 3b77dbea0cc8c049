// The editor's two field kinds the shared TextField does not cover: a native <select> (keyboard, screen readers
// and phones handle it well, and it needs no popover) and a multi-line text, both with their errors beside them.
import { type ReactNode, useId } from 'react';
import { FieldError, Label, Text, TextArea, TextField as AriaTextField, type TextFieldProps as AriaTextFieldProps } from 'react-aria-components';
import { useT } from '../../i18n/use-t';
import fieldStyles from '../../ui/TextField.module.css';
import styles from './invoices.module.css';

export interface SelectFieldProps {
  id?: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errorMessage?: string;
  isRequired?: boolean;
  children: ReactNode;
}

export function SelectField({ id, label, value, onChange, errorMessage, isRequired, children }: SelectFieldProps) {
  const own = useId();
  const selectId = id ?? own;
  const errorId = `${selectId}-error`;
  return (
    <div className={`${fieldStyles.field} ${styles.selectField}`}>
      <label htmlFor={selectId} className={fieldStyles.label}>
        {label}
        {isRequired && <span className={fieldStyles.required} aria-hidden="true"> *</span>}
      </label>
      <select
        id={selectId}
        className={styles.select}
        value={value}
        required={isRequired}
        aria-invalid={errorMessage ? true : undefined}
        aria-describedby={errorMessage ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {children}
      </select>
      {errorMessage && (
        <span id={errorId} className={fieldStyles.error}>
          {errorMessage}
        </span>
      )}
    </div>
  );
}

export interface TextAreaFieldProps extends Omit<AriaTextFieldProps, 'className' | 'children'> {
  label: string;
  description?: string;
  errorMessage?: string;
  rows?: number;
}

export function TextAreaField({ label, description, errorMessage, rows = 3, ...props }: TextAreaFieldProps) {
  const t = useT();
  return (
    <AriaTextField {...props} isInvalid={errorMessage ? true : props.isInvalid} className={fieldStyles.field}>
      <Label className={fieldStyles.label}>
        {label}
        {props.isRequired && <span className={fieldStyles.required} aria-hidden="true"> *</span>}
      </Label>
      {description && (
        <Text slot="description" className={fieldStyles.description}>
          {description}
        </Text>
      )}
      <TextArea className={`${fieldStyles.input} ${styles.textArea}`} rows={rows} />
      <FieldError className={fieldStyles.error}>
        {errorMessage ??
          (({ validationDetails, validationErrors }) => {
            if (validationDetails.valueMissing) return t('form.required');
            if (validationDetails.tooShort) return t('form.tooShort', { min: props.minLength ?? 0 });
            return validationErrors.join(' ');
          })}
      </FieldError>
    </AriaTextField>
  );
}
