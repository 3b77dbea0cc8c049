// A labelled text input with its help text and its error: the client's (in the console's language, not the
// browser's), or the server's, which the Form hands in through `validationErrors` or the page through `errorMessage`.
import { FieldError, Input, Label, Text, TextField as AriaTextField, type TextFieldProps as AriaTextFieldProps } from 'react-aria-components';
import { useT } from '../i18n/use-t';
import styles from './TextField.module.css';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'className' | 'children'> {
  label: string;
  description?: string;
  /** Shown under the field, which is then invalid. */
  errorMessage?: string;
  size?: 'full' | 'short';
}

export function TextField({ label, description, errorMessage, size = 'full', ...props }: TextFieldProps) {
  const t = useT();
  return (
    <AriaTextField {...props} isInvalid={errorMessage ? true : props.isInvalid} className={`${styles.field} ${styles[size]}`}>
      <Label className={styles.label}>
        {label}
        {props.isRequired && <span className={styles.required} aria-hidden="true"> *</span>}
      </Label>
      {description && (
        <Text slot="description" className={styles.description}>
          {description}
        </Text>
      )}
      <Input className={styles.input} />
      <FieldError className={styles.error}>
        {errorMessage ??
          (({ validationDetails, validationErrors }) => {
            if (validationDetails.valueMissing) return t('form.required');
            if (validationDetails.typeMismatch) return t(props.type === 'email' ? 'form.invalidEmail' : 'form.invalid');
            if (validationDetails.tooShort) return t('form.tooShort', { min: props.minLength ?? 0 });
            return validationErrors.join(' ');
          })}
      </FieldError>
    </AriaTextField>
  );
}
