// The fields of a customer, grouped as a person thinks of them, for creating and for editing.
import { type ReactNode, useState } from 'react';
import { Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { type CustomerField, type CustomerKind, type CustomerValues, FIELD_LABELS, FIELDS_OF } from './customer-fields';
import type { CustomerFormErrors } from './customer-errors';
import styles from './customers.module.css';

export interface CustomerFormProps {
  kind: CustomerKind;
  /** Given when the kind may still be chosen (a new customer). */
  onKindChange?: (kind: CustomerKind) => void;
  values: CustomerValues;
  onChange: (field: CustomerField, value: string) => void;
  errors: CustomerFormErrors;
  onSubmit: () => void;
  submitLabel: string;
  pending: boolean;
  /** Shown above the fields (a conflict to resolve). */
  before?: ReactNode;
  secondaryAction?: ReactNode;
}

const GROUPS: { legend: 'customer.group.name' | 'customer.group.contact' | 'customer.group.address'; fields: CustomerField[] }[] = [
  { legend: 'customer.group.name', fields: ['companyName', 'businessId', 'contactName', 'billingFirstName', 'billingLastName'] },
  { legend: 'customer.group.contact', fields: ['email', 'phone'] },
  { legend: 'customer.group.address', fields: ['streetAddress', 'postalCode', 'city', 'country'] },
];

const INPUT: Partial<Record<CustomerField, { type?: string; autoComplete?: string; inputMode?: 'tel' | 'email' | 'numeric'; description?: 'customer.help.phone' | 'customer.help.businessId' | 'customer.help.country'; short?: boolean }>> = {
  email: { type: 'email', autoComplete: 'off' },
  phone: { type: 'tel', inputMode: 'tel', description: 'customer.help.phone' },
  businessId: { description: 'customer.help.businessId', short: true },
  postalCode: { inputMode: 'numeric', short: true },
  country: { description: 'customer.help.country', short: true },
};

export function CustomerForm(props: CustomerFormProps) {
  const t = useT();
  const { kind, values, errors } = props;
  const visible = new Set(FIELDS_OF[kind]);
  const required = new Set<CustomerField>(kind === 'company' ? ['companyName'] : ['billingFirstName']);
  // A server error stays beside its field until the user edits that field. Kept here rather than in React Aria's
  // Form validationErrors: those clear on the native change event (blur), after the browser has already refused
  // the next submit because of them.
  const [edited, setEdited] = useState<{ errors: CustomerFormErrors; fields: Set<CustomerField> }>({ errors, fields: new Set() });
  const editedFields = edited.errors === errors ? edited.fields : new Set<CustomerField>();
  const change = (field: CustomerField, value: string) => {
    setEdited({ errors, fields: new Set(editedFields).add(field) });
    props.onChange(field, value);
  };
  return (
    <Form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      {props.before}
      {errors.form.length > 0 && (
        <Notice tone="error" title={t('customer.error.formTitle')}>
          <ul>
            {errors.form.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </Notice>
      )}
      {props.onKindChange && (
        <RadioGroup
          className={styles.kind}
          value={kind}
          onChange={(value) => props.onKindChange?.(value as CustomerKind)}
          orientation="horizontal"
        >
          <Label className={styles.kindLabel}>{t('customer.kind.label')}</Label>
          <div className={styles.kindOptions}>
            <Radio value="private" className={styles.radio}>
              {t('customer.kind.private')}
            </Radio>
            <Radio value="company" className={styles.radio}>
              {t('customer.kind.company')}
            </Radio>
          </div>
        </RadioGroup>
      )}
      {GROUPS.map((group) => (
        <fieldset key={group.legend} className={styles.group}>
          <legend className={styles.legend}>{t(group.legend)}</legend>
          <div className={styles.grid}>
            {group.fields
              .filter((field) => visible.has(field))
              .map((field) => {
                const input = INPUT[field] ?? {};
                return (
                  <TextField
                    key={field}
                    name={field}
                    label={t(FIELD_LABELS[field])}
                    description={input.description ? t(input.description) : undefined}
                    type={input.type}
                    inputMode={input.inputMode}
                    autoComplete={input.autoComplete ?? 'off'}
                    size={input.short ? 'short' : 'full'}
                    isRequired={required.has(field)}
                    value={values[field]}
                    onChange={(value) => change(field, value)}
                    errorMessage={editedFields.has(field) ? undefined : errors.byField[field]}
                  />
                );
              })}
          </div>
        </fieldset>
      ))}
      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={props.pending}>
          {props.submitLabel}
        </Button>
        {props.secondaryAction}
      </div>
    </Form>
  );
}
