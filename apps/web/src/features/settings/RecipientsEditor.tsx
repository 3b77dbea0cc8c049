// The recipients and processors of the register (GDPR Art. 13(1)(e)): a list the owner edits, each with its
// name, role, country and, outside the EU/EEA, the transfer's safeguard in Finnish and English.
import { useId } from 'react';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { RECIPIENT_ROLES, type RecipientForm, type RecipientRole } from './settings-form';
import styles from './settings.module.css';

const EMPTY: RecipientForm = { name: '', role: 'other', country: 'FI', safeguard: { fi: '', en: '' } };

export function RecipientsEditor({
  recipients,
  onChange,
  errorOf,
}: {
  recipients: RecipientForm[];
  /** The new list, and the input that changed (its error is cleared). */
  onChange: (recipients: RecipientForm[], input: string) => void;
  errorOf: (input: string) => string | undefined;
}) {
  const t = useT();
  const helpId = useId();
  const update = (index: number, patch: Partial<RecipientForm>, input: string) =>
    onChange(recipients.map((r, i) => (i === index ? { ...r, ...patch } : r)), `recipients.${index}.${input}`);
  return (
    <div className={styles.recipients} role="group" aria-labelledby={`${helpId}-label`} aria-describedby={`${helpId}-help`}>
      <p id={`${helpId}-label`} className={styles.label}>
        {t('settings.field.recipients')}
      </p>
      <p id={`${helpId}-help`} className={styles.description}>
        {t('settings.help.recipients')}
      </p>
      <ol className={styles.recipientList}>
        {recipients.map((r, index) => (
          <li key={index} className={styles.recipient}>
            <fieldset className={styles.recipientFields}>
              <legend className={styles.recipientLegend}>{t('settings.recipient.group', { number: index + 1 })}</legend>
              <TextField name={`recipients.${index}.name`} label={t('settings.recipient.name')} value={r.name} onChange={(name) => update(index, { name }, 'name')} errorMessage={errorOf(`recipients.${index}.name`)} />
              <div className={styles.pair}>
                <RoleSelect id={`${helpId}-role-${index}`} value={r.role} onChange={(role) => update(index, { role }, 'role')} />
                <TextField
                  name={`recipients.${index}.country`}
                  label={t('settings.recipient.country')}
                  description={t('settings.recipient.countryHelp')}
                  size="short"
                  maxLength={2}
                  value={r.country}
                  onChange={(country) => update(index, { country: country.toUpperCase() }, 'country')}
                  errorMessage={errorOf(`recipients.${index}.country`)}
                />
              </div>
              <div className={styles.pair}>
                <TextField
                  name={`recipients.${index}.safeguard.fi`}
                  label={t('settings.recipient.safeguardFi')}
                  description={t('settings.recipient.safeguardHelp')}
                  lang="fi"
                  value={r.safeguard.fi}
                  onChange={(fi) => update(index, { safeguard: { ...r.safeguard, fi } }, 'safeguard.fi')}
                  errorMessage={errorOf(`recipients.${index}.safeguard.fi`)}
                />
                <TextField
                  name={`recipients.${index}.safeguard.en`}
                  label={t('settings.recipient.safeguardEn')}
                  lang="en"
                  value={r.safeguard.en}
                  onChange={(en) => update(index, { safeguard: { ...r.safeguard, en } }, 'safeguard.en')}
                />
              </div>
              <div className={styles.recipientActions}>
                <Button onPress={() => onChange(recipients.filter((_, i) => i !== index), `recipients.${index}.name`)}>{t('settings.recipient.remove', { name: r.name || String(index + 1) })}</Button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <Button onPress={() => onChange([...recipients, { ...EMPTY, safeguard: { fi: '', en: '' } }], 'recipients')}>{t('settings.recipient.add')}</Button>
    </div>
  );
}

function RoleSelect({ id, value, onChange }: { id: string; value: RecipientRole; onChange: (role: RecipientRole) => void }) {
  const t = useT();
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {t('settings.recipient.role')}
      </label>
      <select id={id} className={styles.select} value={value} onChange={(event) => onChange(event.target.value as RecipientRole)}>
        {RECIPIENT_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`settings.role.${role}` as MessageId)}
          </option>
        ))}
      </select>
    </div>
  );
}
