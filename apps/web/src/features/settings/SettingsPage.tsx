// /t/:tenant/settings (owner): the register settings that the privacy statement is made of, with the statement
// in Finnish and English beside the form. Saves only what changed, under the version read; a save that meets
// someone else's (409) takes their changes in, keeps the user's own, and says which fields to check.
import { useEffect, useRef, useState } from 'react';
import { Form, Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { useLocale } from '../../app/providers';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { Link } from '../../ui/Link';
import { PageHeader } from '../../ui/PageHeader';
import { paths } from '../../app/paths';
import { TextField } from '../../ui/TextField';
import { Check, Checks, LongText } from './fields';
import { NoticeDocument } from './NoticePreview';
import { RecipientsEditor } from './RecipientsEditor';
import { SellerSection } from './SellerSection';
import { ReminderSettingsSection } from './ReminderSettingsSection';
import { LeaveSection } from './LeaveSection';
import {
  type NoticeLanguage,
  type RegisterSettings,
  type RegisterSettingsChanges,
  type SettingsWarning,
  useFetchLatestSettings,
  useNoticePreview,
  usePrivacyNotice,
  useRegisterSettings,
  useUpdateRegisterSettings,
} from './queries';
import {
  apiErrors,
  changedFields,
  DATA_CATEGORIES,
  draftBody,
  type FormError,
  type FormErrors,
  formOf,
  type Lang,
  MARKETING_CHANNELS,
  type NumberField,
  RANGES,
  rebase,
  saveBody,
  type SettingsField,
  type SettingsForm,
  type TextField as LocalizedField,
  validate,
} from './settings-form';
import styles from './settings.module.css';

export const FIELD_LABELS: Record<SettingsField, MessageId> = {
  registerName: 'settings.field.registerName',
  purposes: 'settings.field.purposes',
  dataSources: 'settings.field.dataSources',
  disclosures: 'settings.field.disclosures',
  transfersOutsideEea: 'settings.field.transfersOutsideEea',
  transferSafeguards: 'settings.field.transferSafeguards',
  dataCategories: 'settings.field.dataCategories',
  customerReviewAfterMonths: 'settings.field.customerReviewAfterMonths',
  invoiceRetentionYears: 'settings.field.invoiceRetentionYears',
  accessRequestsPerYear: 'settings.field.accessRequestsPerYear',
  ipLogRetentionDays: 'settings.field.ipLogRetentionDays',
  marketingChannels: 'settings.field.marketingChannels',
  securityMeasures: 'settings.field.securityMeasures',
  cookies: 'settings.field.cookies',
  requestContact: 'settings.field.requestContact',
  recipients: 'settings.field.recipients',
};

type Draft = Omit<RegisterSettingsChanges, 'version'>;
/** The edits to preview: none (the published statement), some, or a form the API would refuse anyway. */
type DraftState = { kind: 'none' } | { kind: 'draft'; body: Draft } | { kind: 'invalid' };

/** How long typing must pause before the preview asks the API again. */
const PREVIEW_DEBOUNCE_MS = 400;

const NUMBER_HELP: Record<NumberField, MessageId> = {
  customerReviewAfterMonths: 'settings.help.customerReviewAfterMonths',
  invoiceRetentionYears: 'settings.help.invoiceRetentionYears',
  accessRequestsPerYear: 'settings.help.accessRequestsPerYear',
  ipLogRetentionDays: 'settings.help.ipLogRetentionDays',
};

export function SettingsPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const settings = useRegisterSettings(tenant);
  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      {settings.isPending && <Loading />}
      {settings.error && <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && <Editing tenant={tenant} settings={settings.data} />}
      <SellerSection tenant={tenant} />
      <ReminderSettingsSection tenant={tenant} />
      <LeaveSection tenant={tenant} />
    </>
  );
}

function Editing({ tenant, settings }: { tenant: string; settings: RegisterSettings }) {
  const t = useT();
  const [draft, setDraft] = useState<DraftState>({ kind: 'none' });
  const preview = useNoticePreview(tenant, draft.kind === 'draft' ? draft.body : null);
  const warnings = draft.kind === 'draft' && preview.data ? preview.data.settings.warnings : settings.warnings;
  return (
    <>
      <p className={styles.recordLink}>
        <Link href={paths.record(tenant)}>{t('settings.record.link')}</Link>
      </p>
      <div className={styles.layout}>
        <SettingsEditor tenant={tenant} settings={settings} onDraft={setDraft} warnings={warnings} />
        <Preview tenant={tenant} draft={draft} preview={preview} publishedVersion={settings.noticeVersion} warnings={warnings} />
      </div>
    </>
  );
}

function Warnings({ warnings }: { warnings: SettingsWarning[] }) {
  const t = useT();
  if (warnings.length === 0) return null;
  return (
    <Notice tone="warning" title={t('settings.warnings.title')} live={false}>
      {warnings.map((w) => (
        <p key={w.field}>
          {t(w.field.endsWith('.en') ? 'settings.warning.cookiesEn' : 'settings.warning.cookiesFi', { terms: w.terms.map((term) => `”${term}”`).join(', ') })}
        </p>
      ))}
    </Notice>
  );
}

function SettingsEditor({ tenant, settings, onDraft, warnings }: { tenant: string; settings: RegisterSettings; onDraft: (draft: DraftState) => void; warnings: SettingsWarning[] }) {
  const t = useT();
  const { locale } = useLocale();
  const update = useUpdateRegisterSettings(tenant);
  const fetchLatest = useFetchLatestSettings(tenant);
  const [base, setBase] = useState(() => formOf(settings));
  const [version, setVersion] = useState(settings.version);
  const [form, setForm] = useState(base);
  const [errors, setErrors] = useState<FormErrors>({});
  const [outcome, setOutcome] = useState<{ kind: 'saved'; noticeVersion: number } | { kind: 'unchanged' } | { kind: 'conflict'; theirs: SettingsField[]; both: SettingsField[] } | { kind: 'invalid' } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // The preview follows the edits once typing pauses; an edit the API would refuse keeps the last preview.
  useEffect(() => {
    const timer = setTimeout(() => {
      const body = draftBody(base, form);
      if (body) onDraft({ kind: 'draft', body });
      else onDraft(changedFieldsOf(base, form) ? { kind: 'invalid' } : { kind: 'none' });
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [base, form, onDraft]);

  // After a refused save, the first field to fix gets the focus (its error is read with it).
  useEffect(() => {
    if (outcome?.kind === 'invalid') formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid] input')?.focus();
  }, [outcome, errors]);

  const say = (error: FormError | undefined) => {
    if (!error) return undefined;
    // The API names the missing categories by their keys; the console by their names.
    if (error.id === 'settings.error.categories') {
      const names = String(error.values?.categories ?? '')
        .split(', ')
        .map((key) => ((DATA_CATEGORIES as readonly string[]).includes(key) ? t(`settings.category.${key}` as MessageId) : key));
      return t(error.id, { categories: names.join(', ') });
    }
    return t(error.id, error.values);
  };
  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K], input: string = key) => {
    setForm((current) => ({ ...current, [key]: value }));
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([name]) => name !== input)));
  };
  const setText = (field: LocalizedField, lang: Lang, value: string) => set(field, { ...form[field], [lang]: value }, `${field}.${lang}`);

  const submit = () => {
    setFailure(null);
    const invalid = validate(form);
    if (Object.keys(invalid).length) {
      setErrors(invalid);
      setOutcome({ kind: 'invalid' });
      return;
    }
    const body = saveBody(base, form, version);
    if (Object.keys(body).length === 1) {
      setOutcome({ kind: 'unchanged' });
      return;
    }
    update.mutate(body, {
      onSuccess: (next) => {
        const saved = formOf(next);
        setBase(saved);
        setForm(saved);
        setVersion(next.version);
        setErrors({});
        setOutcome({ kind: 'saved', noticeVersion: next.noticeVersion });
      },
      onError: async (error) => {
        if (error instanceof ApiError && error.code === 'stale-version') {
          try {
            const latest = await fetchLatest();
            const merged = rebase(base, form, formOf(latest));
            setBase(formOf(latest));
            setVersion(latest.version);
            setForm(merged.form);
            setOutcome({ kind: 'conflict', theirs: merged.theirs, both: merged.both });
          } catch (reload) {
            setFailure(reload);
          }
        } else if (error instanceof ApiError && error.kind === 'validation' && error.problem?.errors?.length) {
          setErrors(apiErrors(error.problem.errors));
          setOutcome({ kind: 'invalid' });
        } else {
          setFailure(error);
        }
      },
    });
  };

  const bilingual = (field: LocalizedField, help?: MessageId) => (
    <div className={styles.pair}>
      {(['fi', 'en'] as const).map((lang) => (
        <LongText
          key={lang}
          name={`${field}.${lang}`}
          lang={lang}
          label={t(lang === 'fi' ? 'settings.inFinnish' : 'settings.inEnglish', { field: t(FIELD_LABELS[field]) })}
          description={lang === 'fi' && help ? t(help) : undefined}
          value={form[field][lang]}
          onChange={(value) => setText(field, lang, value)}
          errorMessage={say(errors[`${field}.${lang}`])}
        />
      ))}
    </div>
  );
  const list = (fields: SettingsField[]) => fields.map((f) => t(FIELD_LABELS[f])).join(', ');

  return (
    <Form
      ref={formRef}
      className={styles.form}
      aria-label={t('settings.formLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {outcome?.kind === 'conflict' && (
        <Notice tone="warning" title={t('settings.conflict.title')}>
          <p>{outcome.theirs.length ? t('settings.conflict.theirs', { fields: list(outcome.theirs) }) : t('settings.conflict.noFields')}</p>
          {outcome.both.length > 0 && <p>{t('settings.conflict.both', { fields: list(outcome.both) })}</p>}
          <p>{t('settings.conflict.next')}</p>
        </Notice>
      )}
      {outcome?.kind === 'invalid' && <Notice tone="error" title={t('settings.error.checkFields')} />}
      {failure !== null && <ErrorState error={failure} onRetry={submit} />}

      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t('settings.group.register')}</legend>
        <TextField
          name="registerName"
          label={t('settings.field.registerName')}
          description={t('settings.help.registerName', { name: settings.effective.registerName[locale] })}
          value={form.registerName}
          onChange={(value) => set('registerName', value)}
          errorMessage={say(errors.registerName)}
        />
        <Check isSelected={form.ownContact} onChange={(value) => set('ownContact', value, 'requestContact.name')}>
          {t('settings.field.ownContact', { name: settings.effective.requestContact.name, email: settings.effective.requestContact.email })}
        </Check>
        {!form.ownContact && (
          <div className={styles.pair}>
            <TextField name="requestContact.name" label={t('settings.field.contactName')} value={form.contactName} onChange={(v) => set('contactName', v, 'requestContact.name')} errorMessage={say(errors['requestContact.name'])} />
            <TextField name="requestContact.email" type="email" label={t('settings.field.contactEmail')} value={form.contactEmail} onChange={(v) => set('contactEmail', v, 'requestContact.email')} errorMessage={say(errors['requestContact.email'])} />
          </div>
        )}
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t('settings.group.purposes')}</legend>
        {bilingual('purposes', 'settings.help.purposes')}
        {bilingual('dataSources')}
        <Checks
          name="dataCategories"
          label={t('settings.field.dataCategories')}
          description={t('settings.help.dataCategories')}
          value={form.dataCategories}
          onChange={(value) => set('dataCategories', value)}
          options={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`settings.category.${c}` as MessageId) }))}
          errorMessage={say(errors.dataCategories)}
        />
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t('settings.group.disclosures')}</legend>
        {bilingual('disclosures')}
        <Check isSelected={form.transfersOutsideEea} onChange={(value) => set('transfersOutsideEea', value)}>
          {t('settings.field.transfersOutsideEea')}
        </Check>
        {form.transfersOutsideEea && bilingual('transferSafeguards', 'settings.help.transferSafeguards')}
        {errors.transfersOutsideEea && <p className={styles.error}>{say(errors.transfersOutsideEea)}</p>}
        <RecipientsEditor recipients={form.recipients} onChange={(recipients, input) => set('recipients', recipients, input)} errorOf={(input) => say(errors[input])} />
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t('settings.group.retention')}</legend>
        <div className={styles.numbers}>
          {(Object.keys(RANGES) as NumberField[]).map((field) => (
            <TextField
              key={field}
              name={field}
              label={t(FIELD_LABELS[field])}
              description={t(NUMBER_HELP[field], RANGES[field])}
              inputMode="numeric"
              size="short"
              value={form[field]}
              onChange={(value) => set(field, value)}
              errorMessage={say(errors[field])}
            />
          ))}
        </div>
        {settings.effective.ipLogRetentionDays < settings.ipLogRetentionDays && <p className={styles.description}>{t('settings.help.ipLogCapped', { days: settings.effective.ipLogRetentionDays })}</p>}
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t('settings.group.marketing')}</legend>
        <Checks
          name="marketingChannels"
          label={t('settings.field.marketingChannels')}
          description={t('settings.help.marketingChannels')}
          value={form.marketingChannels}
          onChange={(value) => set('marketingChannels', value)}
          options={MARKETING_CHANNELS.map((c) => ({ value: c, label: t(`settings.channel.${c}` as MessageId) }))}
        />
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t('settings.group.security')}</legend>
        {bilingual('securityMeasures')}
        {bilingual('cookies')}
        <Warnings warnings={warnings} />
      </fieldset>

      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={update.isPending}>
          {t('settings.save')}
        </Button>
        <Button
          onPress={() => {
            setForm(base);
            setErrors({});
            setOutcome(null);
          }}
        >
          {t('settings.undo')}
        </Button>
      </div>
      {outcome?.kind === 'saved' && <Notice tone="success" title={t('settings.saved', { version: outcome.noticeVersion })} />}
      {outcome?.kind === 'unchanged' && <Notice tone="info" title={t('settings.unchanged')} />}
    </Form>
  );
}

function Preview({
  tenant,
  draft,
  preview,
  publishedVersion,
  warnings,
}: {
  tenant: string;
  draft: DraftState;
  preview: ReturnType<typeof useNoticePreview>;
  publishedVersion: number;
  warnings: SettingsWarning[];
}) {
  const t = useT();
  const drafting = draft.kind !== 'none' && (draft.kind === 'invalid' || preview.data !== undefined || preview.isFetching);
  return (
    <section aria-labelledby="preview-title" className={styles.preview}>
      <h2 id="preview-title" className={styles.previewTitle}>
        {t('settings.preview.title')}
      </h2>
      {drafting ? (
        <div className={styles.draftBanner} data-testid="preview-state">
          <p className={styles.draftTitle}>{t('settings.preview.draft')}</p>
          <p className={styles.description}>{t('settings.preview.draftBody')}</p>
          {draft.kind === 'invalid' && <p className={styles.description}>{t('settings.preview.invalid')}</p>}
          {preview.isFetching && <p className={styles.description}>{t('settings.preview.updating')}</p>}
        </div>
      ) : (
        <>
          <p className={styles.publishedBadge} data-testid="preview-state">
            {t('settings.preview.published', { version: publishedVersion })}
          </p>
          <p className={styles.description}>{t('settings.preview.body')}</p>
        </>
      )}
      <Warnings warnings={warnings} />
      {drafting && preview.error && <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />}
      <Tabs className={styles.tabs}>
        <TabList aria-label={t('settings.preview.language')} className={styles.tabList}>
          <Tab id="fi" className={styles.tab}>
            {t('settings.preview.fi')}
          </Tab>
          <Tab id="en" className={styles.tab}>
            {t('settings.preview.en')}
          </Tab>
        </TabList>
        {(['fi', 'en'] as const).map((lang) => (
          <TabPanel key={lang} id={lang} className={styles.tabPanel}>
            {drafting && preview.data ? <NoticeDocument notice={preview.data[lang]} draft /> : <NoticePane tenant={tenant} lang={lang} />}
          </TabPanel>
        ))}
      </Tabs>
    </section>
  );
}

function NoticePane({ tenant, lang }: { tenant: string; lang: NoticeLanguage }) {
  const t = useT();
  const notice = usePrivacyNotice(tenant, lang);
  return (
    <>
      <p>
        <a className={styles.external} href={`/api/t/${tenant}/privacy-notice?lang=${lang}`} target="_blank" rel="noreferrer">
          {t('settings.preview.public')}
        </a>
      </p>
      {notice.isPending && <Loading />}
      {notice.error && <ErrorState error={notice.error} onRetry={() => void notice.refetch()} />}
      {notice.data && <NoticeDocument notice={notice.data} />}
    </>
  );
}

function changedFieldsOf(base: SettingsForm, form: SettingsForm): boolean {
  return changedFields(base, form).length > 0;
}
