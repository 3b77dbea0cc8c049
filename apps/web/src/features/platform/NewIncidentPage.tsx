// /platform/incidents/new (platform admins): record a personal data breach: what happened (in Finnish and English,
// as the affected people will read it), when it happened and was discovered (the 72-hour clock runs from
// discovery), the businesses it concerns and the kinds of data. The API's errors stay beside their fields.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { INCIDENT_DATA_CATEGORIES, type IncidentDataCategory } from '../../api/data-categories';
import { localisedFieldErrors } from '../../api/problem';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import { type CreateIncident, useCreateIncident } from './incident-queries';
import { CheckList, LongTextField } from './IncidentFields';
import { platformPaths } from './paths';
import { useTenants } from './queries';
import { RoleGate } from './RoleGate';
import styles from './platform.module.css';

type Category = IncidentDataCategory;

const FIELDS = ['title', 'whatHappened.fi', 'whatHappened.en', 'occurredAt', 'discoveredAt', 'tenants', 'dataCategories'] as const;
/** The API's field errors are in English for developers; the form says each in the user's language. */
const FIELD_MESSAGES: Record<(typeof FIELDS)[number], MessageId> = {
  title: 'platform.incident.error.title',
  'whatHappened.fi': 'platform.incident.error.whatHappened',
  'whatHappened.en': 'platform.incident.error.whatHappened',
  occurredAt: 'platform.incident.error.occurredAt',
  discoveredAt: 'platform.incident.error.discoveredAt',
  tenants: 'platform.incident.error.tenants',
  dataCategories: 'platform.incident.error.dataCategories',
};

/** A datetime-local value (the browser's zone) as an instant with its zone, as the API wants it. */
const instant = (local: string) => (local ? new Date(local).toISOString() : '');

export function NewIncidentPage() {
  const t = useT();
  return (
    <RoleGate roles={['platform_admin']} title={t('platform.newIncident.title')}>
      <NewIncident />
    </RoleGate>
  );
}

function NewIncident() {
  const t = useT();
  const navigate = useNavigate();
  const create = useCreateIncident();
  const tenants = useTenants({ q: '', status: '' });
  const [title, setTitle] = useState('');
  const [fi, setFi] = useState('');
  const [en, setEn] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const [discoveredAt, setDiscoveredAt] = useState('');
  const [slugs, setSlugs] = useState<string[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  // The API's answer is about what was sent: once anything is edited it is stale, and a field it marked invalid
  // (the times are checked against each other) must not keep the form from being sent again.
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      if (create.error) create.reset();
      set(value);
    };
  const errors = { byField: localisedFieldErrors(create.error, FIELDS, (field) => t(FIELD_MESSAGES[field]), { whatHappened: 'whatHappened.fi' }) };

  const submit = () => {
    const body: CreateIncident = { title: title.trim(), whatHappened: { fi: fi.trim(), en: en.trim() }, occurredAt: instant(occurredAt), discoveredAt: instant(discoveredAt), tenants: slugs, dataCategories: categories };
    create.mutate(body, { onSuccess: (incident) => void navigate(platformPaths.incident(incident.id)) });
  };

  return (
    <>
      <p className={styles.back}>
        <Link href={platformPaths.incidents()}>← {t('platform.incident.backToList')}</Link>
      </p>
      <PageHeader title={t('platform.newIncident.title')} subtitle={t('platform.newIncident.subtitle')} />
      <Form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {create.error && (Object.keys(errors.byField).length ? <Notice tone="error" title={t('platform.tenant.error.checkFields')} /> : <ErrorState error={create.error} onRetry={submit} />)}
        <TextField label={t('platform.newIncident.field.title')} value={title} onChange={edited(setTitle)} isRequired minLength={3} maxLength={200} errorMessage={errors.byField.title} />
        <LongTextField label={t('platform.newIncident.field.whatHappenedFi')} description={t('platform.newIncident.help.whatHappened')} value={fi} onChange={edited(setFi)} isRequired lang="fi" errorMessage={errors.byField['whatHappened.fi']} />
        <LongTextField label={t('platform.newIncident.field.whatHappenedEn')} value={en} onChange={edited(setEn)} isRequired lang="en" errorMessage={errors.byField['whatHappened.en']} />
        <div className={styles.grid}>
          <TextField label={t('platform.newIncident.field.occurredAt')} type="datetime-local" value={occurredAt} onChange={edited(setOccurredAt)} isRequired errorMessage={errors.byField.occurredAt} />
          <TextField label={t('platform.newIncident.field.discoveredAt')} description={t('platform.newIncident.help.discoveredAt')} type="datetime-local" value={discoveredAt} onChange={edited(setDiscoveredAt)} isRequired errorMessage={errors.byField.discoveredAt} />
        </div>
        <CheckList
          label={t('platform.newIncident.field.tenants')}
          options={(tenants.data ?? []).map((x) => ({ value: x.slug, label: `${x.legalName} (${x.slug})` }))}
          value={slugs}
          onChange={edited(setSlugs)}
          errorMessage={errors.byField.tenants}
        />
        <CheckList
          label={t('platform.newIncident.field.categories')}
          options={INCIDENT_DATA_CATEGORIES.map((c) => ({ value: c, label: t(`incidents.category.${c}` as MessageId) }))}
          value={categories}
          onChange={edited(setCategories)}
          errorMessage={errors.byField.dataCategories}
        />
        <div className={styles.actions}>
          <Button type="submit" variant="primary" isPending={create.isPending}>
            {t('platform.newIncident.submit')}
          </Button>
          <Link href={platformPaths.incidents()}>{t('common.cancel')}</Link>
        </div>
      </Form>
    </>
  );
}
