// Registering a request that came by e-mail, letter or phone: its type, how it came, the day it arrived (not in the
// future; the deadline counts from it) and what is asked. The API's refusals are said beside their fields.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { ApiError, fieldErrors } from '../../api/problem';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { todayInFinland } from '../invoices/dates';
import { SelectField, TextAreaField } from '../invoices/fields';
import { TYPE_LABELS } from './labels';
import { type DataSubjectRequest, type RecordRequestBody, type RequestType, useRecordRequest } from './queries';
import styles from './requests.module.css';

const TYPES: RequestType[] = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'objection_legitimate_interest'];
type Channel = 'email' | 'letter' | 'phone';

/** A day in Finland as the moment the API keeps: today is "now"; an earlier day, noon in Finland (10.00 UTC). */
export function receivedAtOf(day: string, today: string): string | undefined {
  return day === today ? undefined : `${day}T10:00:00.000Z`;
}

export function NewRequestForm({ tenant, customerId, onDone }: { tenant: string; customerId: string; onDone: (request: DataSubjectRequest | null) => void }) {
  const t = useT();
  const record = useRecordRequest(tenant);
  const today = todayInFinland();
  const [type, setType] = useState<RequestType>('access');
  const [channel, setChannel] = useState<Channel>('email');
  const [day, setDay] = useState(today);
  const [details, setDetails] = useState('');
  const [dayError, setDayError] = useState<string | undefined>();

  const { byField } = fieldErrors(record.error, ['receivedAt', 'details', 'type', 'channel'] as const);
  const serverDay = byField.receivedAt ? t(/before the customer/.test(byField.receivedAt) ? 'rights.new.error.beforeCustomer' : 'rights.new.error.future') : undefined;
  const explained = record.error instanceof ApiError && record.error.kind === 'validation' && Object.keys(byField).length > 0;

  const submit = () => {
    if (!day) return setDayError(t('rights.new.error.day'));
    if (day > today) return setDayError(t('rights.new.error.future'));
    const body: RecordRequestBody = { customerId, type, channel, receivedAt: receivedAtOf(day, today), details: details.trim() || undefined };
    record.mutate(body, { onSuccess: (request) => onDone(request) });
  };

  return (
    <Form
      validationBehavior="aria"
      className={`${styles.panel} ${styles.form}`}
      aria-labelledby="new-request-title"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3 id="new-request-title">{t('rights.new.title')}</h3>
      <p className={styles.muted}>{t('rights.new.help')}</p>
      {record.error && !explained && <ErrorState error={record.error} onRetry={submit} />}
      <div className={styles.grid}>
        <SelectField label={t('rights.new.type')} value={type} onChange={(value) => setType(value as RequestType)} isRequired>
          {TYPES.map((value) => (
            <option key={value} value={value}>
              {t(TYPE_LABELS[value])}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('rights.new.channel')} value={channel} onChange={(value) => setChannel(value as Channel)} isRequired>
          <option value="email">{t('rights.channel.email')}</option>
          <option value="letter">{t('rights.channel.letter')}</option>
          <option value="phone">{t('rights.channel.phone')}</option>
        </SelectField>
        <TextField
          label={t('rights.new.received')}
          description={t('rights.new.receivedHelp')}
          type="date"
          isRequired
          value={day}
          onChange={(value) => (setDay(value), setDayError(undefined), record.reset())}
          errorMessage={dayError ?? serverDay}
        />
      </div>
      {type === 'objection_legitimate_interest' && (
        <Notice tone="info" live={false}>
          <p>{t('rights.new.objectionLegitimateHelp')}</p>
        </Notice>
      )}
      {type === 'objection' && (
        <Notice tone="info" live={false}>
          <p>{t('rights.new.objectionHelp')}</p>
        </Notice>
      )}
      {type === 'erasure' && (
        <Notice tone="info" live={false}>
          <p>{t('rights.new.erasureHelp')}</p>
        </Notice>
      )}
      <TextAreaField
        label={t('rights.new.details')}
        description={t('rights.new.detailsHelp')}
        maxLength={2000}
        value={details}
        onChange={(value) => (setDetails(value), record.reset())}
        errorMessage={byField.details ? t('rights.new.error.details') : undefined}
      />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={record.isPending}>
          {t('rights.new.submit')}
        </Button>
        <Button variant="quiet" onPress={() => onDone(null)}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
