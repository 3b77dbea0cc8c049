// /platform/tenants/:slug: a business's controller details, editing them under their version (a conflicting save
// shows what the other admin changed and keeps this admin's other edits), and suspending or resuming it.
import { useMemo, useState } from 'react';
import { isStaleVersion, useVersionedEdit } from '../../ui/use-versioned-edit';
import { useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
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
import { businessIdProblem } from './business-id';
import type { OnboardedState } from './NewTenantPage';
import { platformPaths } from './paths';
import { type Tenant, useFetchLatestTenant, useSetTenantStatus, useTenant, useUpdateTenant } from './queries';
import { RoleGate } from './RoleGate';
import { detailChanges, type DetailField, mergeTenant, TENANT_LABELS, tenantFormErrors, valuesOf } from './tenant-fields';
import { TenantForm } from './TenantForm';
import { TenantStatusBadge } from './TenantStatus';
import styles from './platform.module.css';

export function TenantPage() {
  const t = useT();
  return (
    <RoleGate roles={['platform_admin']} title={t('platform.tenant.title')}>
      <TenantView />
    </RoleGate>
  );
}

function TenantView() {
  const t = useT();
  const slug = useParams().slug!;
  const tenant = useTenant(slug);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const onboarded = useLocation().state as OnboardedState | null;

  if (tenant.isPending) return <Loading label={t('platform.tenant.loading')} />;
  if (tenant.error) {
    return (
      <>
        <PageHeader title={t(tenant.error instanceof ApiError && tenant.error.kind === 'not-found' ? 'platform.tenant.notFound' : 'platform.tenant.title')} />
        <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />
        <p>
          <Link href={platformPaths.tenants()}>{t('platform.tenant.backToList')}</Link>
        </p>
      </>
    );
  }
  const x = tenant.data;
  return (
    <>
      <p className={styles.back}>
        <Link href={platformPaths.tenants()}>← {t('platform.tenant.backToList')}</Link>
      </p>
      <PageHeader
        title={x.legalName}
        subtitle={
          <>
            <TenantStatusBadge status={x.status} /> <span className={styles.mono}>{x.slug}</span>
          </>
        }
        actions={
          !editing && (
            <Button variant="primary" onPress={() => (setEditing(true), setSaved(false))}>
              {t('platform.tenant.edit')}
            </Button>
          )
        }
      />
      <div className={styles.stack}>
        {onboarded?.notice === 'onboarded' && !editing && !saved && (
          <Notice tone="success" title={t('platform.tenant.onboarded.title')}>
            <p>{t('platform.tenant.onboarded.body', { email: onboarded.ownerEmail })}</p>
          </Notice>
        )}
        {saved && !editing && <Notice tone="success">{t('platform.tenant.saved')}</Notice>}
        {editing ? (
          <EditTenant
            tenant={x}
            onDone={(didSave) => {
              setEditing(false);
              setSaved(didSave);
            }}
          />
        ) : (
          <TenantDetails tenant={x} />
        )}
        {!editing && <TenantStatusSection tenant={x} />}
      </div>
    </>
  );
}

function TenantDetails({ tenant: x }: { tenant: Tenant }) {
  const t = useT();
  const { locale } = useLocale();
  const row = (field: DetailField, value: string = x[field]) => (
    <>
      <dt>{t(TENANT_LABELS[field])}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <>
      <div className={styles.details}>
        <section className={styles.card} aria-labelledby="tenant-business">
          <h2 id="tenant-business">{t('platform.tenant.group.business')}</h2>
          <dl className={styles.dl}>
            {row('legalName')}
            {row('businessId')}
            {row('language', t(x.language === 'en' ? 'platform.tenant.language.en' : 'platform.tenant.language.fi'))}
            <dt>{t('platform.tenant.id')}</dt>
            <dd className={styles.mono}>{x.id}</dd>
          </dl>
        </section>
        <section className={styles.card} aria-labelledby="tenant-address">
          <h2 id="tenant-address">{t('platform.tenant.group.address')}</h2>
          <dl className={styles.dl}>
            {row('streetAddress')}
            {row('postalCode')}
            {row('city')}
          </dl>
        </section>
        <section className={styles.card} aria-labelledby="tenant-contact">
          <h2 id="tenant-contact">{t('platform.tenant.group.contact')}</h2>
          <dl className={styles.dl}>
            {row('contactPerson')}
            {row('contactEmail')}
          </dl>
        </section>
      </div>
      <p className={styles.meta}>{t('platform.tenant.meta', { created: formatDateTime(x.createdAt, locale), updated: formatDateTime(x.updatedAt, locale) })}</p>
    </>
  );
}

function EditTenant({ tenant, onDone }: { tenant: Tenant; onDone: (saved: boolean) => void }) {
  const t = useT();
  const update = useUpdateTenant(tenant.slug);
  const fetchLatest = useFetchLatestTenant(tenant.slug);
  const { base, values, setField, merge, latestError, rebase } = useVersionedEdit({ record: tenant, valuesOf, merge: mergeTenant, fetchLatest });

  const stale = isStaleVersion(update.error);
  const errors = useMemo(() => (stale ? { byField: {}, form: [] } : tenantFormErrors(update.error, t)), [stale, update.error, t]);
  const fieldProblem = update.error instanceof ApiError && update.error.kind === 'validation';
  const onConflict = () => rebase(update.reset);

  const submit = () => {
    if (businessIdProblem(values.businessId)) return;
    const changes = detailChanges(base.values, values);
    if (Object.keys(changes).length === 0) return onDone(false);
    update.mutate(
      { ...changes, version: base.version } as Parameters<typeof update.mutate>[0],
      {
        onSuccess: () => onDone(true),
        onError: (error) => {
          if (isStaleVersion(error)) void onConflict();
        },
      },
    );
  };

  return (
    <TenantForm
      mode="edit"
      values={values}
      onChange={setField}
      errors={errors}
      onSubmit={submit}
      before={
        <>
          {merge && <ConflictPanel merge={merge} texts={CONFLICT_TEXTS} labels={TENANT_LABELS} onUseMine={setField} />}
          {latestError !== null && <ErrorState error={latestError} onRetry={() => void onConflict()} />}
          {update.error && !stale && (fieldProblem ? <Notice tone="error" title={t('platform.tenant.error.checkFields')} /> : <ErrorState error={update.error} onRetry={submit} />)}
        </>
      }
      actions={
        <>
          <Button type="submit" variant="primary" isPending={update.isPending}>
            {t('platform.tenant.save')}
          </Button>
          <Button variant="quiet" onPress={() => onDone(false)}>
            {t('common.cancel')}
          </Button>
        </>
      }
    />
  );
}


/** Suspending takes a second, deliberate press: it signs the business's staff and customers out at once. */
function TenantStatusSection({ tenant }: { tenant: Tenant }) {
  const t = useT();
  const setStatus = useSetTenantStatus(tenant.slug);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<'suspend' | 'resume' | null>(null);
  const suspended = tenant.status === 'suspended';
  const act = (action: 'suspend' | 'resume') =>
    setStatus.mutate(action, {
      onSuccess: () => {
        setConfirming(false);
        setDone(action);
      },
    });
  // A business that left has no register any more: nothing to suspend or resume (the API refuses it too).
  if (tenant.status === 'left') {
    return (
      <section className={styles.section} aria-labelledby="tenant-status">
        <h2 id="tenant-status">{t('platform.tenant.statusSection')}</h2>
        <p>{t('platform.tenant.leftBody')}</p>
      </section>
    );
  }
  return (
    <section className={styles.section} aria-labelledby="tenant-status">
      <h2 id="tenant-status">{t('platform.tenant.statusSection')}</h2>
      <div className={styles.stack}>
        {done && <Notice tone="success">{t(done === 'suspend' ? 'platform.tenant.suspended' : 'platform.tenant.resumed')}</Notice>}
        {setStatus.error && <ErrorState error={setStatus.error} onRetry={() => act(suspended ? 'resume' : 'suspend')} />}
        <p>{t(suspended ? 'platform.tenant.suspendedBody' : 'platform.tenant.activeBody')}</p>
        {suspended ? (
          <div className={styles.actions}>
            <Button variant="primary" isPending={setStatus.isPending} onPress={() => act('resume')}>
              {t('platform.tenant.resume')}
            </Button>
          </div>
        ) : confirming ? (
          <Notice
            tone="warning"
            live={false}
            title={t('platform.tenant.suspendConfirm.title', { name: tenant.legalName })}
            actions={
              <>
                <Button variant="danger" isPending={setStatus.isPending} onPress={() => act('suspend')} autoFocus>
                  {t('platform.tenant.suspendConfirm.yes')}
                </Button>
                <Button variant="quiet" onPress={() => setConfirming(false)}>
                  {t('common.cancel')}
                </Button>
              </>
            }
          >
            <p>{t('platform.tenant.suspendConfirm.body')}</p>
          </Notice>
        ) : (
          <div className={styles.actions}>
            <Button variant="danger" onPress={() => (setConfirming(true), setDone(null))}>
              {t('platform.tenant.suspend')}
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}

const CONFLICT_TEXTS: ConflictTexts = {
  title: 'platform.tenant.conflict.title',
  body: 'platform.tenant.conflict.body',
  bodyClash: 'platform.tenant.conflict.bodyClash',
  theirChanges: 'platform.tenant.conflict.theirChanges',
  yours: 'platform.tenant.conflict.yours',
  useMine: 'platform.tenant.conflict.useMine',
  none: 'platform.tenant.none',
};
