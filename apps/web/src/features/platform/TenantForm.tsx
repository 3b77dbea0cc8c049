// A business's details for onboarding and for editing: the controller its privacy statement names. The business
// ID is checked as typed (the API's own rule); the API's errors stay beside their fields until the field is edited.
import { type ReactNode, useState } from 'react';
import { Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { useT } from '../../i18n/use-t';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { businessIdMessage, TENANT_LABELS, type TenantField, type TenantFormErrors, type TenantValues } from './tenant-fields';
import styles from './platform.module.css';

export interface TenantFormProps {
  mode: 'new' | 'edit';
  values: TenantValues;
  onChange: (field: TenantField, value: string) => void;
  errors: TenantFormErrors;
  onSubmit: () => void;
  /** The submit button and any other actions. */
  actions: ReactNode;
  before?: ReactNode;
}

type Group = { legend: 'platform.tenant.group.business' | 'platform.tenant.group.address' | 'platform.tenant.group.contact' | 'platform.tenant.group.owner'; fields: TenantField[]; help?: 'platform.tenant.help.owner' };

const GROUPS: Record<'new' | 'edit', Group[]> = {
  new: [
    { legend: 'platform.tenant.group.business', fields: ['legalName', 'businessId', 'slug'] },
    { legend: 'platform.tenant.group.address', fields: ['streetAddress', 'postalCode', 'city'] },
    { legend: 'platform.tenant.group.contact', fields: ['contactPerson', 'contactEmail'] },
    { legend: 'platform.tenant.group.owner', fields: ['ownerName', 'ownerEmail'], help: 'platform.tenant.help.owner' },
  ],
  edit: [
    { legend: 'platform.tenant.group.business', fields: ['legalName', 'businessId'] },
    { legend: 'platform.tenant.group.address', fields: ['streetAddress', 'postalCode', 'city'] },
    { legend: 'platform.tenant.group.contact', fields: ['contactPerson', 'contactEmail'] },
  ],
};

const REQUIRED = new Set<TenantField>(['slug', 'legalName', 'businessId', 'streetAddress', 'postalCode', 'city', 'contactEmail', 'contactPerson']);

const INPUT: Partial<Record<TenantField, { type?: string; autoComplete?: string; inputMode?: 'numeric' | 'email'; description?: 'platform.tenant.help.slug' | 'platform.tenant.help.businessId'; short?: boolean; maxLength?: number }>> = {
  slug: { description: 'platform.tenant.help.slug', maxLength: 40 },
  businessId: { description: 'platform.tenant.help.businessId', short: true, maxLength: 9 },
  postalCode: { inputMode: 'numeric', short: true, maxLength: 5 },
  contactEmail: { type: 'email', autoComplete: 'off' },
  ownerEmail: { type: 'email', autoComplete: 'off' },
};

export function TenantForm(props: TenantFormProps) {
  const t = useT();
  const { values, errors } = props;
  const [edited, setEdited] = useState<{ errors: TenantFormErrors; fields: Set<TenantField> }>({ errors, fields: new Set() });
  const [left, setLeft] = useState<Set<TenantField>>(new Set());
  const editedFields = edited.errors === errors ? edited.fields : new Set<TenantField>();
  const change = (field: TenantField, value: string) => {
    setEdited({ errors, fields: new Set(editedFields).add(field) });
    props.onChange(field, value);
  };
  const messageOf = (field: TenantField): string | undefined => {
    if (field === 'businessId') {
      const typed = businessIdMessage(values.businessId, left.has('businessId'));
      if (typed) return t(typed);
    }
    return editedFields.has(field) ? undefined : errors.byField[field];
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
        <Notice tone="error" title={t('platform.tenant.error.formTitle')}>
          <ul>
            {errors.form.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </Notice>
      )}
      {GROUPS[props.mode].map((group) => (
        <fieldset key={group.legend} className={styles.group}>
          <legend className={styles.legend}>{t(group.legend)}</legend>
          {group.help && <p className={styles.searchHelp}>{t(group.help)}</p>}
          <div className={styles.grid}>
            {group.fields.map((field) => {
              const input = INPUT[field] ?? {};
              return (
                <TextField
                  key={field}
                  label={t(TENANT_LABELS[field])}
                  name={field}
                  type={input.type}
                  inputMode={input.inputMode}
                  autoComplete={input.autoComplete ?? 'off'}
                  maxLength={input.maxLength}
                  size={input.short ? 'short' : 'full'}
                  description={input.description && t(input.description)}
                  isRequired={REQUIRED.has(field)}
                  value={values[field]}
                  onChange={(value) => change(field, value)}
                  onBlur={() => setLeft((current) => new Set(current).add(field))}
                  errorMessage={messageOf(field)}
                />
              );
            })}
            {group.legend === 'platform.tenant.group.business' && (
              <RadioGroup className={styles.kind} value={values.language} onChange={(value) => change('language', value)} orientation="horizontal">
                <Label className={styles.kindLabel}>{t('platform.tenant.field.language')}</Label>
                <div className={styles.kindOptions}>
                  <Radio value="fi" className={styles.radio}>
                    {t('platform.tenant.language.fi')}
                  </Radio>
                  <Radio value="en" className={styles.radio}>
                    {t('platform.tenant.language.en')}
                  </Radio>
                </div>
              </RadioGroup>
            )}
          </div>
        </fieldset>
      ))}
      <div className={styles.actions}>{props.actions}</div>
    </Form>
  );
}
