// Automatic payment reminders on the settings page (owner): off by default; when on, the nightly job reminds of
// overdue invoices so many days after the due date, at most so many times, so many days apart. No fee is charged.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { ApiError, fieldErrors } from '../../api/problem';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { type ReminderSettings, useReminderSettings, useSaveReminderSettings } from '../invoices/reminder-queries';
import { Check } from './fields';
import layout from '../../ui/layout.module.css';
import forms from '../../ui/forms.module.css';

const NUMBERS = ['daysAfterDue', 'maxReminders', 'minIntervalDays'] as const;
type NumberField = (typeof NUMBERS)[number];
const RANGES: Record<NumberField, { min: number; max: number }> = { daysAfterDue: { min: 1, max: 365 }, maxReminders: { min: 1, max: 10 }, minIntervalDays: { min: 14, max: 365 } };
const LABELS: Record<NumberField, MessageId> = {
  daysAfterDue: 'reminderSettings.field.daysAfterDue',
  maxReminders: 'reminderSettings.field.maxReminders',
  minIntervalDays: 'reminderSettings.field.minIntervalDays',
};

export function ReminderSettingsSection({ tenant }: { tenant: string }) {
  const t = useT();
  const settings = useReminderSettings(tenant);
  return (
    <section className={layout.panel} aria-labelledby="reminder-settings-title">
      <h2 id="reminder-settings-title">{t('reminderSettings.title')}</h2>
      <p className={layout.muted}>{t('reminderSettings.help')}</p>
      {settings.isPending && <Loading />}
      {settings.error && <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && <ReminderSettingsForm tenant={tenant} settings={settings.data} />}
    </section>
  );
}

function ReminderSettingsForm({ tenant, settings }: { tenant: string; settings: ReminderSettings }) {
  const t = useT();
  const save = useSaveReminderSettings(tenant);
  const [enabled, setEnabled] = useState(settings.enabled);
  const [values, setValues] = useState<Record<NumberField, string>>(() => ({ daysAfterDue: String(settings.daysAfterDue), maxReminders: String(settings.maxReminders), minIntervalDays: String(settings.minIntervalDays) }));
  const [saved, setSaved] = useState(false);
  const [local, setLocal] = useState<Partial<Record<NumberField, string>>>({});
  const { byField, other } = fieldErrors(save.error, NUMBERS);
  const stale = save.error instanceof ApiError && save.error.code === 'stale-version';
  const explained = Object.keys(byField).length > 0 || stale;

  const submit = () => {
    setSaved(false);
    const errors: Partial<Record<NumberField, string>> = {};
    const numbers = {} as Record<NumberField, number>;
    for (const field of NUMBERS) {
      const n = Number(values[field].trim());
      if (!/^\d+$/.test(values[field].trim()) || n < RANGES[field].min || n > RANGES[field].max) errors[field] = t('reminderSettings.range', RANGES[field]);
      numbers[field] = n;
    }
    setLocal(errors);
    if (Object.keys(errors).length) return;
    save.mutate({ enabled, ...numbers, version: settings.version }, { onSuccess: () => setSaved(true) });
  };

  return (
    <Form
      validationBehavior="aria"
      className={forms.form}
      aria-labelledby="reminder-settings-title"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {saved && <Notice tone="success">{t('reminderSettings.saved')}</Notice>}
      {stale && <Notice tone="warning">{t('reminderSettings.stale')}</Notice>}
      {save.error && !explained && <ErrorState error={save.error} onRetry={submit} />}
      {other.length > 0 && <Notice tone="error">{other.join(' ')}</Notice>}
      <Check isSelected={enabled} onChange={(v) => (setEnabled(v), setSaved(false))}>
        {t('reminderSettings.enabled')}
      </Check>
      <div className={forms.grid}>
        {NUMBERS.map((field) => (
          <TextField
            key={field}
            label={t(LABELS[field])}
            description={t('reminderSettings.range', RANGES[field])}
            inputMode="numeric"
            size="short"
            isRequired
            value={values[field]}
            onChange={(value) => {
              setValues((v) => ({ ...v, [field]: value }));
              setLocal((l) => ({ ...l, [field]: undefined }));
              setSaved(false);
            }}
            errorMessage={local[field] ?? (byField[field] ? t('reminderSettings.range', RANGES[field]) : undefined)}
          />
        ))}
      </div>
      <p className={layout.muted}>{t('reminderSettings.noFee')}</p>
      <div className={forms.actions}>
        <Button type="submit" variant="primary" isPending={save.isPending}>
          {t('reminderSettings.save')}
        </Button>
      </div>
    </Form>
  );
}
