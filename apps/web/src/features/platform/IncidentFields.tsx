// The incident pages' form parts: a labelled multi-line text (what happened, a notice's text, a reason) and a
// set of named checkboxes (tenants, data categories).
import { Checkbox, CheckboxGroup, FieldError, Label, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';
import fieldStyles from '../../ui/TextField.module.css';
import styles from './platform.module.css';

export function LongTextField(props: { label: string; value: string; onChange: (value: string) => void; description?: string; errorMessage?: string; isRequired?: boolean; rows?: number; lang?: string }) {
  return (
    <AriaTextField className={fieldStyles.field} value={props.value} onChange={props.onChange} isInvalid={Boolean(props.errorMessage)} isRequired={props.isRequired}>
      <Label className={fieldStyles.label}>
        {props.label}
        {props.isRequired && <span className={fieldStyles.required} aria-hidden="true"> *</span>}
      </Label>
      {props.description && (
        <Text slot="description" className={fieldStyles.description}>
          {props.description}
        </Text>
      )}
      <TextArea className={styles.textarea} rows={props.rows ?? 4} lang={props.lang} />
      <FieldError className={fieldStyles.error}>{props.errorMessage}</FieldError>
    </AriaTextField>
  );
}

export function CheckList<V extends string>(props: { label: string; options: { value: V; label: string }[]; value: V[]; onChange: (value: V[]) => void; errorMessage?: string; description?: string }) {
  return (
    <CheckboxGroup className={styles.checks} value={props.value} onChange={(v) => props.onChange(v as V[])} isInvalid={Boolean(props.errorMessage)}>
      <Label className={styles.kindLabel}>{props.label}</Label>
      {props.description && <Text slot="description" className={styles.searchHelp}>{props.description}</Text>}
      {props.options.map((option) => (
        <Checkbox key={option.value} value={option.value} className={styles.check}>
          {({ isSelected }) => (
            <>
              <span className={styles.box} aria-hidden="true">
                {isSelected ? '✓' : ''}
              </span>
              {option.label}
            </>
          )}
        </Checkbox>
      ))}
      <FieldError className={fieldStyles.error}>{props.errorMessage}</FieldError>
    </CheckboxGroup>
  );
}
