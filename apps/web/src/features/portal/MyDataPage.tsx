// My data: everything the business holds about the signed-in customer, as the API's `me` returns it, in words
// (not JSON); their details rectified in place, the API's errors beside their fields.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { portalPaths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import { customerFormErrors } from '../customers/customer-errors';
import { type CustomerField, displayName, FIELD_LABELS, kindOf, toChanges, valuesOf } from '../customers/customer-fields';
import { InvoiceStatusBadge } from '../invoices/InvoiceStatusBadge';
import { usePortalContext } from './PortalShell';
import { portalKeys, type PortalProfile, useEndOtherSessions, useRectify } from './queries';
import { CHANNEL_LABELS, PURPOSE_LABELS, REQUEST_STATE_LABELS, REQUEST_TYPE_LABELS } from './labels';
import styles from './portal.module.css';

/** What a customer may rectify themselves (RectifyProfileDto), with what a password manager or browser fills in. */
const EDITABLE: { field: CustomerField; autoComplete: string; type?: string; inputMode?: 'tel' | 'email' | 'numeric' }[] = [
  { field: 'billingFirstName', autoComplete: 'given-name' },
  { field: 'billingLastName', autoComplete: 'family-name' },
  { field: 'contactName', autoComplete: 'name' },
  { field: 'email', autoComplete: 'email', type: 'email', inputMode: 'email' },
  { field: 'phone', autoComplete: 'tel', type: 'tel', inputMode: 'tel' },
  { field: 'streetAddress', autoComplete: 'street-address' },
  { field: 'postalCode', autoComplete: 'postal-code', inputMode: 'numeric' },
  { field: 'city', autoComplete: 'address-level2' },
  { field: 'country', autoComplete: 'country' },
];

export function MyDataPage() {
  const t = useT();
  const { locale } = useLocale();
  const tenant = useParams().tenant!;
  const me = usePortalContext();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const profile = me.profile;
  const company = kindOf(profile) === 'company';
  const value = (v: string | null | undefined) => v || <span className={styles.none}>{t('portal.data.none')}</span>;

  return (
    <>
      <PageHeader title={t('portal.data.title')} subtitle={t('portal.data.subtitle', { tenant: me.tenantName })} />
      <div className={styles.sections}>
        {saved && !editing && <Notice tone="success">{t('portal.data.saved')}</Notice>}
        {profile.restriction && (
          // Processing restricted at the person's request (Art. 18): said here, with since when and why.
          <Notice tone="warning" live={false} title={t('portal.data.restricted.title')}>
            <p>{t('portal.data.restricted.since', { date: formatDate(profile.restriction.since, locale), reason: profile.restriction.reason })}</p>
            <p>{t('portal.data.restricted.body')}</p>
          </Notice>
        )}
        <section aria-labelledby="details-heading" className={styles.card}>
          <div className={styles.cardHead}>
            <h2 id="details-heading">{t('portal.data.details')}</h2>
            {!editing && !profile.restriction && (
              <Button
                onPress={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t('portal.data.edit')}
              </Button>
            )}
          </div>
          {editing && !profile.restriction ? (
            <RectifyForm
              tenant={tenant}
              profile={profile}
              onDone={(didSave) => {
                setEditing(false);
                setSaved(didSave);
              }}
            />
          ) : (
            <dl className={styles.facts}>
              {company && (
                <>
                  <dt>{t('customer.field.companyName')}</dt>
                  <dd>{value(profile.companyName)}</dd>
                  <dt>{t('customer.field.businessId')}</dt>
                  <dd>{value(profile.businessId)}</dd>
                </>
              )}
              <dt>{t('portal.data.name')}</dt>
              <dd>{value(displayName({ ...profile, companyName: null }))}</dd>
              {company && (
                <>
                  <dt>{t('customer.field.contactName')}</dt>
                  <dd>{value(profile.contactName)}</dd>
                </>
              )}
              <dt>{t('customer.field.email')}</dt>
              <dd className={styles.breakable}>{value(profile.email)}</dd>
              <dt>{t('customer.field.phone')}</dt>
              <dd>{value(profile.phone)}</dd>
              <dt>{t('portal.data.address')}</dt>
              <dd>{value([profile.streetAddress, [profile.postalCode, profile.city].filter(Boolean).join(' '), profile.country].filter(Boolean).join(', '))}</dd>
              <dt>{t('portal.data.since')}</dt>
              <dd>{formatDate(profile.createdAt, locale)}</dd>
              <dt>{t('portal.data.lastLogin')}</dt>
              <dd>{me.lastLoginAt ? formatDateTime(me.lastLoginAt, locale) : t('portal.data.none')}</dd>
            </dl>
          )}
          {company && editing && <p className={styles.hint}>{t('portal.data.companyNote')}</p>}
        </section>

        <section aria-labelledby="consents-heading" className={styles.card}>
          <div className={styles.cardHead}>
            <h2 id="consents-heading">{t('portal.data.consents')}</h2>
            <Link href={portalPaths.marketing(tenant)}>{t('portal.data.manageConsents')}</Link>
          </div>
          <ul className={styles.plainList}>
            {me.consents.map((consent) => (
              <li key={consent.purpose}>
                <strong>{t(PURPOSE_LABELS[consent.purpose])}</strong>
                {': '}
                {consent.granted && consent.since
                  ? t('portal.consent.givenOn', { date: formatDate(consent.since, locale) })
                  : t('portal.consent.notGiven')}
              </li>
            ))}
          </ul>
          {me.consentLedger.length > 0 && (
            <DataTable
              caption={t('portal.data.consentLedger')}
              rowKey={(row) => `${row.purpose}-${row.occurredAt}-${row.action}`}
              rows={me.consentLedger}
              columns={[
                { key: 'when', header: t('portal.ledger.when'), cell: (row) => formatDateTime(row.occurredAt, locale) },
                { key: 'purpose', header: t('portal.ledger.purpose'), cell: (row) => t(PURPOSE_LABELS[row.purpose]) },
                { key: 'action', header: t('portal.ledger.action'), cell: (row) => t(row.action === 'granted' ? 'portal.ledger.granted' : 'portal.ledger.withdrawn') },
                { key: 'channel', header: t('portal.ledger.channel'), cell: (row) => t(CHANNEL_LABELS[row.channel] ?? 'portal.channel.other'), secondary: true },
                { key: 'version', header: t('portal.ledger.notice'), cell: (row) => row.noticeVersion, secondary: true, numeric: true },
              ]}
            />
          )}
        </section>

        <section aria-labelledby="invoices-heading" className={styles.card}>
          <h2 id="invoices-heading">{t('portal.data.invoices')}</h2>
          {me.invoices.items.length === 0 ? (
            <p>{t('portal.data.noInvoices')}</p>
          ) : (
            <DataTable
              caption={t('portal.data.invoices')}
              rowKey={(row) => row.id}
              rows={me.invoices.items}
              columns={[
                { key: 'number', header: t('portal.invoice.number'), cell: (row) => (row.number ? `#${row.number}` : '–') },
                { key: 'issued', header: t('portal.invoice.issued'), cell: (row) => (row.issueDate ? formatDate(row.issueDate, locale) : '–'), secondary: true },
                { key: 'due', header: t('portal.invoice.due'), cell: (row) => (row.dueDate ? formatDate(row.dueDate, locale) : '–') },
                { key: 'total', header: t('portal.invoice.total'), cell: (row) => formatMoney(row.totals.grossCents, locale), numeric: true },
                { key: 'outstanding', header: t('portal.invoice.outstanding'), cell: (row) => formatMoney(row.outstandingCents, locale), numeric: true },
                { key: 'status', header: t('portal.invoice.status'), cell: (row) => <InvoiceStatusBadge invoice={row} /> },
              ]}
            />
          )}
        </section>

        <section aria-labelledby="requests-heading" className={styles.card}>
          <div className={styles.cardHead}>
            <h2 id="requests-heading">{t('portal.data.requests')}</h2>
            <Link href={portalPaths.requests(tenant)}>{t('portal.data.manageRequests')}</Link>
          </div>
          {me.requests.length === 0 ? (
            <p>{t('portal.requests.none')}</p>
          ) : (
            <ul className={styles.plainList}>
              {me.requests.map((r) => (
                <li key={r.id}>
                  {t(REQUEST_TYPE_LABELS[r.type])}, {formatDate(r.receivedAt, locale)}: {t(REQUEST_STATE_LABELS[r.state])}
                </li>
              ))}
            </ul>
          )}
        </section>

        <Sessions tenant={tenant} />
      </div>
    </>
  );
}

function RectifyForm({ tenant, profile, onDone }: { tenant: string; profile: PortalProfile; onDone: (saved: boolean) => void }) {
  const t = useT();
  const rectify = useRectify(tenant);
  const queryClient = useQueryClient();
  const base = valuesOf(profile);
  const [values, setValues] = useState(base);
  const [edited, setEdited] = useState<Set<CustomerField>>(new Set());
  const company = kindOf(profile) === 'company';
  const fields = EDITABLE.filter(({ field }) => (company ? !['billingFirstName', 'billingLastName'].includes(field) : field !== 'contactName'));
  const errors = customerFormErrors(rectify.error, kindOf(profile), (id: MessageId) => t(id));
  const stale = rectify.error instanceof ApiError && rectify.error.code === 'stale-version';

  const submit = () => {
    const changes = toChanges(base, values);
    if (Object.keys(changes).length === 0) return onDone(false);
    setEdited(new Set());
    rectify.mutate({ ...changes, version: profile.version }, { onSuccess: () => onDone(true) });
  };
  return (
    <Form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {stale && <Notice tone="warning" title={t('portal.data.stale.title')}>{t('portal.data.stale.body')}</Notice>}
      {rectify.error && !stale && Object.keys(errors.byField).length === 0 && <ErrorState error={rectify.error} />}
      {errors.form.length > 0 && (
        <Notice tone="error" title={t('customer.error.formTitle')}>
          <ul>
            {errors.form.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </Notice>
      )}
      <div className={styles.grid}>
        {fields.map(({ field, autoComplete, type, inputMode }) => (
          <TextField
            key={field}
            name={field}
            label={t(FIELD_LABELS[field])}
            description={field === 'phone' ? t('customer.help.phone') : field === 'country' ? t('customer.help.country') : field === 'email' ? t('portal.data.emailHelp') : undefined}
            type={type}
            inputMode={inputMode}
            autoComplete={autoComplete}
            isRequired={field === 'email'}
            value={values[field]}
            onChange={(next) => {
              setValues({ ...values, [field]: next });
              setEdited(new Set(edited).add(field));
            }}
            errorMessage={edited.has(field) ? undefined : errors.byField[field]}
          />
        ))}
      </div>
      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={rectify.isPending}>
          {t('portal.data.save')}
        </Button>
        <Button
          variant="quiet"
          onPress={() => {
            // After a conflict the details shown must be the current ones.
            if (stale) void queryClient.invalidateQueries({ queryKey: portalKeys.me(tenant) });
            onDone(false);
          }}
        >
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}

function Sessions({ tenant }: { tenant: string }) {
  const t = useT();
  const end = useEndOtherSessions(tenant);
  return (
    <section aria-labelledby="sessions-heading" className={styles.card}>
      <h2 id="sessions-heading">{t('portal.sessions.title')}</h2>
      <p>{t('portal.sessions.body')}</p>
      <div className={styles.actions}>
        <Button isPending={end.isPending} onPress={() => end.mutate()}>
          {t('portal.sessions.end')}
        </Button>
      </div>
      <div role="status" className={styles.status}>
        {end.data && t('portal.sessions.ended', { count: end.data.ended })}
      </div>
      {end.error && <ErrorState error={end.error} onRetry={() => end.mutate()} />}
    </section>
  );
}
