// /platform/access-log: investigators search the IP access log, each search with a justification the businesses
// concerned will read; investigators and admins read the audit of past searches (admins without the addresses,
// which the API redacts for them).
import { useMemo, useState } from 'react';
import { FieldError, Form, Label, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import fieldStyles from '../../ui/TextField.module.css';
import { checkSearch, EMPTY_SEARCH, JUSTIFICATION_MAX, JUSTIFICATION_MIN, type SearchErrors, type SearchField, searchServerErrors, type SearchValues, toSearchBody } from './access-log-search';
import { usePlatformPrincipal } from './PlatformShell';
import { type AccessLogResult, type SearchAuditEntry, useSearchAccessLog, useSearchAudit } from './queries';
import { RoleGate } from './RoleGate';
import styles from './platform.module.css';

export function AccessLogPage() {
  const t = useT();
  return (
    <RoleGate roles={['access_log_investigator', 'platform_admin']} title={t('platform.accessLog.title')}>
      <AccessLog />
    </RoleGate>
  );
}

function AccessLog() {
  const t = useT();
  const me = usePlatformPrincipal();
  const investigator = me.roles.includes('access_log_investigator');
  return (
    <>
      <PageHeader title={t('platform.accessLog.title')} subtitle={t(investigator ? 'platform.accessLog.subtitle' : 'platform.accessLog.subtitleAdmin')} />
      {investigator && <SearchSection />}
      <AuditSection investigator={investigator} />
    </>
  );
}

function SearchSection() {
  const t = useT();
  const { locale } = useLocale();
  const search = useSearchAccessLog();
  const [values, setValues] = useState<SearchValues>(EMPTY_SEARCH);
  const [tried, setTried] = useState(false);
  const [editedSinceServer, setEditedSinceServer] = useState<Set<SearchField>>(new Set());
  const client = checkSearch(values);
  const server = useMemo(() => searchServerErrors(search.error), [search.error]);
  const shown: SearchErrors = {};
  for (const key of Object.keys(server) as (keyof SearchErrors)[]) if (key === 'selector' || !editedSinceServer.has(key)) shown[key] = server[key];
  if (tried) Object.assign(shown, client);
  const message = (field: keyof SearchErrors) => (shown[field] ? t(shown[field]) : undefined);
  const handledByFields = Object.keys(server).length > 0;

  const change = (field: SearchField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setEditedSinceServer((current) => new Set(current).add(field));
  };
  const submit = () => {
    setTried(true);
    if (Object.keys(client).length > 0) return;
    setEditedSinceServer(new Set());
    search.mutate(toSearchBody(values));
  };

  return (
    <section className={styles.section} aria-labelledby="search-title">
      <h2 id="search-title">{t('platform.accessLog.search.title')}</h2>
      <Form
        className={styles.form}
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {shown.selector && <Notice tone="error">{t(shown.selector)}</Notice>}
        {search.error && !handledByFields && <ErrorState error={search.error} onRetry={submit} />}
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t('platform.accessLog.search.whose')}</legend>
          <p className={styles.searchHelp}>{t('platform.accessLog.search.whoseHelp')}</p>
          <div className={styles.grid}>
            <TextField label={t('platform.accessLog.field.ip')} name="ip" autoComplete="off" value={values.ip} onChange={(v) => change('ip', v)} description={t('platform.accessLog.help.ip')} errorMessage={message('ip')} />
            <TextField label={t('platform.accessLog.field.tenantId')} name="tenantId" autoComplete="off" value={values.tenantId} onChange={(v) => change('tenantId', v)} description={t('platform.accessLog.help.tenantId')} errorMessage={message('tenantId')} />
            <TextField label={t('platform.accessLog.field.principal')} name="principal" autoComplete="off" value={values.principal} onChange={(v) => change('principal', v)} description={t('platform.accessLog.help.principal')} errorMessage={message('principal')} />
          </div>
        </fieldset>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t('platform.accessLog.search.when')}</legend>
          <p className={styles.searchHelp}>{t('platform.accessLog.search.whenHelp')}</p>
          <div className={styles.grid}>
            <TextField label={t('platform.accessLog.field.from')} name="from" type="datetime-local" value={values.from} onChange={(v) => change('from', v)} errorMessage={message('from')} />
            <TextField label={t('platform.accessLog.field.to')} name="to" type="datetime-local" value={values.to} onChange={(v) => change('to', v)} errorMessage={message('to')} />
          </div>
        </fieldset>
        <AriaTextField
          className={fieldStyles.field}
          name="justification"
          isRequired
          value={values.justification}
          onChange={(v) => change('justification', v)}
          isInvalid={Boolean(shown.justification)}
          maxLength={JUSTIFICATION_MAX}
        >
          <Label className={fieldStyles.label}>
            {t('platform.accessLog.field.justification')}
            <span className={fieldStyles.required} aria-hidden="true"> *</span>
          </Label>
          <Text slot="description" className={fieldStyles.description}>
            {t('platform.accessLog.help.justification', { min: JUSTIFICATION_MIN, max: JUSTIFICATION_MAX })}
          </Text>
          <TextArea className={styles.textarea} />
          <FieldError className={fieldStyles.error}>{message('justification')}</FieldError>
        </AriaTextField>
        <div className={styles.actions}>
          <Button type="submit" variant="primary" isPending={search.isPending}>
            {search.isPending ? t('platform.accessLog.search.submitting') : t('platform.accessLog.search.submit')}
          </Button>
        </div>
      </Form>
      {search.data && <Results result={search.data} locale={locale} />}
    </section>
  );
}

function Results({ result, locale }: { result: AccessLogResult; locale: Parameters<typeof formatDateTime>[1] }) {
  const t = useT();
  return (
    <div className={styles.section}>
      <h3>{t('platform.accessLog.results.title')}</h3>
      <p className={styles.summary} role="status">
        {t('platform.accessLog.results.count', { count: result.rowCount })} {result.truncated && t('platform.accessLog.results.truncated')}
      </p>
      {result.rows.length > 0 && (
        <DataTable
          caption={t('platform.accessLog.results.title')}
          rows={result.rows}
          rowKey={(r) => `${r.requestId}-${r.loggedAt}`}
          columns={[
            { key: 'at', header: t('platform.accessLog.column.at'), cell: (r) => formatDateTime(r.loggedAt, locale) },
            { key: 'ip', header: t('platform.accessLog.column.ip'), cell: (r) => <span className={styles.mono}>{r.ip ?? ''}</span> },
            { key: 'request', header: t('platform.accessLog.column.request'), cell: (r) => <span className={styles.mono}>{`${r.method} ${r.route}`}</span>, breakAnywhere: true },
            { key: 'status', header: t('platform.accessLog.column.status'), cell: (r) => r.status, numeric: true },
            { key: 'latency', header: t('platform.accessLog.column.latency'), cell: (r) => r.latencyMs, numeric: true, secondary: true },
            { key: 'principal', header: t('platform.accessLog.column.principal'), cell: (r) => <span className={styles.mono}>{r.principal ?? t('platform.accessLog.anonymous')}</span>, secondary: true },
            { key: 'tenant', header: t('platform.accessLog.column.tenant'), cell: (r) => <span className={styles.mono}>{r.tenantId ?? ''}</span>, secondary: true },
          ]}
        />
      )}
    </div>
  );
}

/** The filters as recorded, with the window's instants in the reader's own time. */
function describeFilters(filters: Record<string, unknown>, locale: Parameters<typeof formatDateTime>[1]): string {
  return Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}: ${(key === 'from' || key === 'to') && typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? formatDateTime(value, locale) : String(value)}`)
    .join(', ');
}

function AuditSection({ investigator }: { investigator: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const audit = useSearchAudit();
  return (
    <section className={styles.section} aria-labelledby="audit-title">
      <h2 id="audit-title">{t('platform.accessLog.audit.title')}</h2>
      <p className={styles.searchHelp}>{t(investigator ? 'platform.accessLog.audit.help' : 'platform.accessLog.audit.helpAdmin')}</p>
      {audit.isPending && <Loading />}
      {audit.error && <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.data &&
        (audit.data.items.length === 0 ? (
          <div className={styles.empty}>
            <p>{t('platform.accessLog.audit.empty')}</p>
          </div>
        ) : (
          <DataTable<SearchAuditEntry>
            caption={t('platform.accessLog.audit.title')}
            rows={audit.data.items}
            rowKey={(e) => e.id}
            columns={[
              { key: 'at', header: t('platform.accessLog.audit.column.at'), cell: (e) => formatDateTime(e.searchedAt, locale) },
              { key: 'who', header: t('platform.accessLog.audit.column.who'), cell: (e) => e.investigator.name },
              { key: 'justification', header: t('platform.accessLog.audit.column.justification'), cell: (e) => e.justification },
              { key: 'filters', header: t('platform.accessLog.audit.column.filters'), cell: (e) => <span className={styles.mono}>{describeFilters(e.filters, locale)}</span>, breakAnywhere: true },
              { key: 'rows', header: t('platform.accessLog.audit.column.rows'), cell: (e) => e.rowCount, numeric: true, secondary: true },
            ]}
          />
        ))}
    </section>
  );
}
