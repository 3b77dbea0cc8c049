// /t/:tenant/customers/:id: a customer's details, and editing them. When someone else saved in between (409),
// the page shows what they changed, keeps this user's other edits, and lets the user redo the rest.
import { useMemo, useState } from 'react';
import { isStaleVersion, useVersionedEdit } from '../../ui/use-versioned-edit';
import { useLocation, useOutletContext, useParams } from 'react-router';
import type { Me } from '../auth/queries';
import { ApiError } from '../../api/problem';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ConflictPanel, type ConflictTexts } from '../../ui/ConflictPanel';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { CustomerConsents } from '../consents/CustomerConsents';
import { CustomerInvoices } from '../invoices/CustomerInvoices';
import { PortalInvitation } from '../portal-invitation/PortalInvitation';
import { CustomerRequests } from '../requests/CustomerRequests';
import { CustomerForm } from './CustomerForm';
import { CustomerTimeline } from './CustomerTimeline';
import { RestrictionBanner } from './RestrictionBanner';
import { type CustomerField, displayName, FIELD_LABELS, kindOf, toChanges, valuesOf } from './customer-fields';
import { customerFormErrors } from './customer-errors';
import { mergeConflict } from './conflict';
import { type Customer, useCustomer, useFetchLatestCustomer, useUpdateCustomer } from './queries';
import styles from './customers.module.css';

export function CustomerPage() {
  const t = useT();
  const { tenant, id } = useParams() as { tenant: string; id: string };
  const customer = useCustomer(tenant, id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [lifted, setLifted] = useState(false);
  const created = (useLocation().state as { notice?: string } | null)?.notice === 'created';
  const me = useOutletContext<Me | undefined>();

  if (customer.isPending) return <Loading label={t('customer.loading')} />;
  if (customer.error) {
    return (
      <>
        <PageHeader title={t(customer.error instanceof ApiError && customer.error.kind === 'not-found' ? 'customer.notFound' : 'customer.title')} />
        <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />
        <p>
          <Link href={paths.customers(tenant)}>{t('customer.backToList')}</Link>
        </p>
      </>
    );
  }
  const c = customer.data;
  // Processing restricted (Art. 18): the record is only stored, so there is nothing to edit or invoice meanwhile.
  const restricted = Boolean(c.restriction);
  return (
    <>
      <p className={styles.back}>
        <Link href={paths.customers(tenant)}>← {t('customer.backToList')}</Link>
      </p>
      <PageHeader
        title={displayName(c) || t('customer.unnamed')}
        subtitle={t(kindOf(c) === 'company' ? 'customer.kind.company' : 'customer.kind.private')}
        actions={
          !editing &&
          !restricted && (
            <Button variant="primary" onPress={() => (setEditing(true), setSaved(false))}>
              {t('customer.edit')}
            </Button>
          )
        }
      />
      <div className={styles.stack}>
        <RestrictionBanner tenant={tenant} customer={c} canLift={me?.role === 'owner'} onLifted={() => setLifted(true)} />
        {lifted && !restricted && <Notice tone="success">{t('customer.restriction.lifted')}</Notice>}
        {created && !editing && !saved && <Notice tone="success">{t('customer.created')}</Notice>}
        {saved && !editing && <Notice tone="success">{t('customer.saved')}</Notice>}
        {editing && !restricted ? (
          <EditCustomer
            tenant={tenant}
            customer={c}
            onDone={(didSave) => {
              setEditing(false);
              setSaved(didSave);
            }}
          />
        ) : (
          <CustomerDetails customer={c} />
        )}
      </div>
      <CustomerInvoices tenant={tenant} customerId={c.id} restricted={restricted} />
      <CustomerConsents tenant={tenant} customerId={c.id} restricted={restricted} />
      <CustomerRequests tenant={tenant} customerId={c.id} />
      <PortalInvitation tenant={tenant} customerId={c.id} email={c.email ?? null} />
      {me?.role === 'owner' && <CustomerTimeline tenant={tenant} customerId={c.id} />}
    </>
  );
}

function CustomerDetails({ customer: c }: { customer: Customer }) {
  const t = useT();
  const { locale } = useLocale();
  const row = (field: CustomerField) => (
    <>
      <dt>{t(FIELD_LABELS[field])}</dt>
      <dd>{c[field] || <span className={styles.none}>{t('customer.none')}</span>}</dd>
    </>
  );
  const company = kindOf(c) === 'company';
  return (
    <>
      <div className={styles.details}>
        <section className={styles.card} aria-labelledby="customer-name">
          <h2 id="customer-name">{t('customer.group.name')}</h2>
          <dl className={styles.dl}>
            {company ? (
              <>
                {row('companyName')}
                {row('businessId')}
                {row('contactName')}
              </>
            ) : (
              <>
                {row('billingFirstName')}
                {row('billingLastName')}
              </>
            )}
          </dl>
        </section>
        <section className={styles.card} aria-labelledby="customer-contact">
          <h2 id="customer-contact">{t('customer.group.contact')}</h2>
          <dl className={styles.dl}>
            {row('email')}
            {row('phone')}
          </dl>
        </section>
        <section className={styles.card} aria-labelledby="customer-address">
          <h2 id="customer-address">{t('customer.group.address')}</h2>
          <dl className={styles.dl}>
            {row('streetAddress')}
            {row('postalCode')}
            {row('city')}
            {row('country')}
          </dl>
        </section>
      </div>
      <p className={styles.meta}>
        {t('customer.meta', { created: formatDateTime(c.createdAt, locale), updated: formatDateTime(c.updatedAt, locale) })}
        {c.lastLoginAt && <> · {t('customer.lastLogin', { at: formatDateTime(c.lastLoginAt, locale) })}</>}
      </p>
    </>
  );
}

function EditCustomer({ tenant, customer, onDone }: { tenant: string; customer: Customer; onDone: (saved: boolean) => void }) {
  const t = useT();
  const update = useUpdateCustomer(tenant, customer.id);
  const fetchLatest = useFetchLatestCustomer(tenant, customer.id);
  const { base, values, setField, merge, latestError, rebase } = useVersionedEdit({ record: customer, valuesOf, merge: mergeConflict, fetchLatest });
  const kind = kindOf(customer);

  const stale = isStaleVersion(update.error);
  // One object per failed attempt: React Aria re-shows server errors whenever this object changes.
  const errors = useMemo(() => (stale ? { byField: {}, form: [] } : customerFormErrors(update.error, kind, t)), [stale, update.error, kind, t]);
  const fieldProblem = update.error instanceof ApiError && (update.error.kind === 'validation' || update.error.code === 'customer-email-taken');
  const onConflict = () => rebase(update.reset);

  const submit = () => {
    const changes = toChanges(base.values, values);
    if (Object.keys(changes).length === 0) return onDone(false);
    update.mutate(
      { ...changes, version: base.version },
      {
        onSuccess: () => onDone(true),
        onError: (error) => {
          if (isStaleVersion(error)) void onConflict();
        },
      },
    );
  };

  return (
    <CustomerForm
      kind={kind}
      values={values}
      onChange={setField}
      errors={errors}
      onSubmit={submit}
      submitLabel={t('customer.save')}
      pending={update.isPending}
      before={
        <>
          {merge && <ConflictPanel merge={merge} texts={CONFLICT_TEXTS} labels={FIELD_LABELS} onUseMine={setField} />}
          {latestError !== null && <ErrorState error={latestError} onRetry={() => void onConflict()} />}
          {update.error && !stale && (fieldProblem ? <Notice tone="error" title={t('customer.error.checkFields')} /> : <ErrorState error={update.error} onRetry={submit} />)}
        </>
      }
      secondaryAction={
        <Button variant="quiet" onPress={() => onDone(false)}>
          {t('common.cancel')}
        </Button>
      }
    />
  );
}

const CONFLICT_TEXTS: ConflictTexts = {
  title: 'customer.conflict.title',
  body: 'customer.conflict.body',
  bodyClash: 'customer.conflict.bodyClash',
  theirChanges: 'customer.conflict.theirChanges',
  clashes: 'customer.conflict.clashes',
  yours: 'customer.conflict.yours',
  useMine: 'customer.conflict.useMine',
  none: 'customer.none',
};
