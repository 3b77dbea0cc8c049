// The settings form's inputs: a text in Finnish and English, a whole number, a set of checkboxes, each with its
// label, help and the error beside it (React Aria: labels, descriptions and errors wired to the input).
import { Checkbox, CheckboxGroup, FieldError, Label, Text, TextArea, TextField } from 'react-aria-components';
import styles from './settings.module.css';

export function Check({ value, children, isSelected, onChange }: { value?: string; children: string; isSelected?: boolean; onChange?: (selected: boolean) => void }) {
  return (
    <Checkbox value={value} isSelected={isSelected} onChange={onChange} className={styles.check}>
      {children}
    </Checkbox>
  );
}

export function Checks(props: { label: string; description?: string; value: string[]; onChange: (value: string[]) => void; options: { value: string; label: string }[]; errorMessage?: string; name: string }) {
  return (
    <CheckboxGroup name={props.name} value={props.value} onChange={props.onChange} isInvalid={Boolean(props.errorMessage)} className={styles.checks}>
      <Label className={styles.label}>{props.label}</Label>
      {props.description && (
        <Text slot="description" className={styles.description}>
          {props.description}
        </Text>
      )}
      <div className={styles.checkList}>
        {props.options.map((option) => (
          <Check key={option.value} value={option.value}>
            {option.label}
          </Check>
        ))}
      </div>
      <FieldError className={styles.error}>{props.errorMessage}</FieldError>
    </CheckboxGroup>
  );
}

export function LongText(props: { name: string; label: string; lang: 'fi' | 'en'; value: string; onChange: (value: string) => void; errorMessage?: string; description?: string }) {
  return (
    <TextField name={props.name} value={props.value} onChange={props.onChange} isInvalid={Boolean(props.errorMessage)} className={styles.field}>
      <Label className={styles.label}>{props.label}</Label>
      {props.description && (
        <Text slot="description" className={styles.description}>
          {props.description}
        </Text>
      )}
      <TextArea lang={props.lang} rows={3} className={styles.textarea} />
      <FieldError className={styles.error}>{props.errorMessage}</FieldError>
    </TextField>
  );
}
