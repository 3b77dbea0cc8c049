// /t/:tenant/requests/:id: one data-subject request: what was asked, when, its deadline in words, what has been
// done; and the next step: verify the identity, complete, reject or extend with a reason (owners decide), and the
// export of a completed access request. An erasure refused for unpaid invoices names them, with links.
import { useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import { useMe } from '../auth/queries';
import { TextAreaField } from '../invoices/fields';
import { DeadlineBadge } from './DeadlineBadge';
import { isOpen } from './deadlines';
import { CHANNEL_LABELS, STATE_LABELS, TYPE_LABELS } from './labels';
import { type DataSubjectRequest, exportHref, useCompleteRequest, useExtendRequest, useRejectRequest, useRequest, useVerifyRequest } from './queries';
import styles from './requests.module.css';

type Done = 'verified' | 'completed' | 'rejected' | 'extended';
const DONE: Record<Done, MessageId> = {
  verified: 'rights.done.verified',
  completed: 'rights.done.completed',
  rejected: 'rights.done.rejected',
  extended: 'rights.done.extended',
};

export function RequestPage() {
  const t = useT();
  const { tenant, id } = useParams() as { tenant: string; id: string };
  const request = useRequest(tenant, id);
  const me = useMe(tenant);
  const [done, setDone] = useState<Done | null>(null);
  const message = useRef<HTMLParagraphElement>(null);
  // The form that was used is gone: focus goes to what happened, so keyboard and screen reader users hear it.
  useEffect(() => {
    if (done) message.current?.focus();
  }, [done]);

  if (request.isPending) return <Loading label={t('rights.request.loading')} />;
  if (request.error) {
    return (
      <>
        <PageHeader title={t(request.error instanceof ApiError && request.error.kind === 'not-found' ? 'rights.request.notFound' : 'rights.request.title')} />
        <ErrorState error={request.error} onRetry={() => void request.refetch()} />
        <p>
          <Link href={paths.requests(tenant)}>{t('rights.request.back')}</Link>
        </p>
      </>
    );
  }
  const r = request.data;
  const owner = me.data?.role === 'owner';
  const now = new Date();
  const onDone = (what: Done) => setDone(what);
  return (
    <>
      <p className={styles.back}>
        <Link href={paths.requests(tenant)}>← {t('rights.request.back')}</Link>
      </p>
      <PageHeader title={t('rights.request.heading', { type: t(TYPE_LABELS[r.type]) })} subtitle={<DeadlineBadge request={r} now={now} />} />
      <div className={styles.stack}>
        {done && (
          <Notice tone="success">
            <p ref={message} tabIndex={-1} className={styles.focusTarget}>
              {t(DONE[done])}
            </p>
          </Notice>
        )}
        <Facts tenant={tenant} request={r} />
        {r.type === 'access' && r.state === 'completed' && r.customerId && <ExportLinks tenant={tenant} id={r.id} />}
        {isOpen(r) && (
          <section className={styles.panel} aria-labelledby="request-next">
            <h2 id="request-next">{t('rights.request.next')}</h2>
            <div className={styles.stack}>
              {r.state === 'received' && <VerifyForm tenant={tenant} request={r} onDone={() => onDone('verified')} />}
              {owner ? (
                <>
                  {r.state !== 'received' && <CompleteAction tenant={tenant} request={r} onDone={() => onDone('completed')} />}
                  <ReasonAction tenant={tenant} request={r} kind="reject" onDone={() => onDone('rejected')} />
                  {r.extendedAt ? <p className={styles.muted}>{t('rights.extend.already')}</p> : <ReasonAction tenant={tenant} request={r} kind="extend" onDone={() => onDone('extended')} />}
                </>
              ) : (
                <Notice tone="info" live={false}>
                  <p>{t('rights.request.ownerDecides')}</p>
                </Notice>
              )}
            </div>
          </section>
        )}
      </div>
    </>
  );
}

function Facts({ tenant, request: r }: { tenant: string; request: DataSubjectRequest }) {
  const t = useT();
  const { locale } = useLocale();
  const at = (value: string) => formatDateTime(value, locale);
  return (
    <section className={styles.panel} aria-labelledby="request-facts">
      <h2 id="request-facts">{t('rights.request.facts')}</h2>
      <dl className={styles.dl}>
        <dt>{t('rights.column.customer')}</dt>
        <dd>{r.customerId ? <Link href={paths.customer(tenant, r.customerId)}>{r.customerName || t('customer.unnamed')}</Link> : t('rights.request.customerErased')}</dd>
        <dt>{t('rights.column.state')}</dt>
        <dd>{t(STATE_LABELS[r.state])}</dd>
        <dt>{t('rights.column.received')}</dt>
        <dd>
          {at(r.receivedAt)} ({t(CHANNEL_LABELS[r.channel])})
        </dd>
        <dt>{t('rights.column.deadline')}</dt>
        <dd>{formatDate(r.dueAt, locale)}</dd>
        {r.extendedAt && (
          <>
            <dt>{t('rights.request.extended')}</dt>
            <dd>{t('rights.request.extendedText', { date: formatDate(r.extendedAt, locale), reason: r.extensionReason ?? '' })}</dd>
          </>
        )}
        {r.details && (
          <>
            <dt>{t('rights.request.details')}</dt>
            <dd>{r.details}</dd>
          </>
        )}
        {r.verifiedAt && (
          <>
            <dt>{t('rights.request.verified')}</dt>
            <dd>{t('rights.request.verifiedText', { date: at(r.verifiedAt), method: r.verificationMethod ?? '' })}</dd>
          </>
        )}
        {r.decidedAt && (
          <>
            <dt>{t('rights.request.decided')}</dt>
            <dd>{at(r.decidedAt)}</dd>
          </>
        )}
        {r.rejectionReason && (
          <>
            <dt>{t('rights.request.rejectionReason')}</dt>
            <dd>{r.rejectionReason}</dd>
          </>
        )}
        {r.overrideReason && (
          <>
            <dt>{t('rights.request.overrideReason')}</dt>
            <dd>{r.overrideReason}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function ExportLinks({ tenant, id }: { tenant: string; id: string }) {
  const t = useT();
  return (
    <section className={styles.panel} aria-labelledby="request-export">
      <h2 id="request-export">{t('rights.export.title')}</h2>
      <p className={styles.muted}>{t('rights.export.help')}</p>
      <div className={styles.actions}>
        <Link href={exportHref(tenant, id, 'json')} download appearance="button-primary">
          {t('rights.export.json')}
        </Link>
        <Link href={exportHref(tenant, id, 'html')} download appearance="button-secondary">
          {t('rights.export.html')}
        </Link>
      </div>
    </section>
  );
}

function VerifyForm({ tenant, request, onDone }: { tenant: string; request: DataSubjectRequest; onDone: () => void }) {
  const t = useT();
  const verify = useVerifyRequest(tenant, request.id);
  const [method, setMethod] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const refused = !!fieldErrors(verify.error, ['method'] as const).byField.method;
  const submit = () => {
    if (method.trim().length < 3) return setTooShort(true);
    verify.mutate(method.trim(), { onSuccess: onDone });
  };
  return (
    <Form
      validationBehavior="aria"
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {verify.error && !refused && <ErrorState error={verify.error} />}
      <TextField
        label={t('rights.verify.method')}
        description={t('rights.verify.help')}
        isRequired
        maxLength={500}
        value={method}
        onChange={(value) => (setMethod(value), setTooShort(false), verify.reset())}
        errorMessage={tooShort || refused ? t('rights.verify.error') : undefined}
      />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={verify.isPending}>
          {t('rights.verify.submit')}
        </Button>
      </div>
    </Form>
  );
}

interface UnpaidInvoice {
  id: string;
  number: number;
  dueDate: string;
  outstandingCents: number;
}

function unpaidOf(error: unknown): UnpaidInvoice[] | null {
  if (!(error instanceof ApiError) || error.code !== 'unpaid-invoices') return null;
  return Array.isArray(error.problem?.unpaidInvoices) ? (error.problem.unpaidInvoices as UnpaidInvoice[]) : [];
}

function CompleteAction({ tenant, request, onDone }: { tenant: string; request: DataSubjectRequest; onDone: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const complete = useCompleteRequest(tenant, request.id);
  const [confirming, setConfirming] = useState(false);
  const unpaid = unpaidOf(complete.error);
  const limit = complete.error instanceof ApiError && complete.error.code === 'access-limit-reached';
  const erasure = request.type === 'erasure';
  const run = () => complete.mutate(undefined, { onSuccess: onDone, onSettled: () => setConfirming(false) });
  return (
    <div className={styles.stack}>
      {unpaid && (
        <Notice tone="error" title={t('rights.complete.unpaidTitle')}>
          <p>{t('rights.complete.unpaidBody')}</p>
          <ul className={styles.plainList}>
            {unpaid.map((i) => (
              <li key={i.id}>
                <Link href={paths.invoice(tenant, i.id)}>{t('invoices.title.invoice', { number: i.number })}</Link>:{' '}
                {t('invoices.balance.item', { amount: formatMoney(i.outstandingCents, locale), date: formatDate(i.dueDate, locale) })}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {limit && (
        <Notice tone="error" title={t('rights.complete.limitTitle')}>
          <p>{t('rights.complete.limitBody', { count: limitOf(complete.error).perYear, date: limitOf(complete.error).lastServedAt ? formatDate(limitOf(complete.error).lastServedAt!, locale) : '—' })}</p>
        </Notice>
      )}
      {limit && <OverrideForm pending={complete.isPending} onSubmit={(reason) => complete.mutate(reason, { onSuccess: onDone })} />}
      {complete.error && !unpaid && !limit && <ErrorState error={complete.error} />}
      {confirming ? (
        <Notice
          tone="warning"
          title={t('rights.complete.confirmTitle')}
          actions={
            <>
              <Button variant="danger" isPending={complete.isPending} onPress={run}>
                {t('rights.complete.confirm')}
              </Button>
              <Button variant="quiet" onPress={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </>
          }
        >
          <p>{t('rights.complete.confirmBody')}</p>
        </Notice>
      ) : (
        <div className={styles.actions}>
          <Button variant="primary" isPending={complete.isPending} onPress={() => (erasure ? (complete.reset(), setConfirming(true)) : run())}>
            {t(erasure ? 'rights.complete.erase' : 'rights.complete.submit')}
          </Button>
        </div>
      )}
    </div>
  );
}

function limitOf(error: unknown): { perYear: number; lastServedAt: string | null } {
  const problem = error instanceof ApiError ? error.problem : null;
  return {
    perYear: typeof problem?.accessRequestsPerYear === 'number' ? problem.accessRequestsPerYear : 1,
    lastServedAt: typeof problem?.lastServedAt === 'string' ? problem.lastServedAt : null,
  };
}

/** An owner may serve an access request beyond the yearly limit, saying why. */
function OverrideForm({ pending, onSubmit }: { pending: boolean; onSubmit: (reason: string) => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  return (
    <Form
      validationBehavior="aria"
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim().length < 3) return setTooShort(true);
        onSubmit(reason.trim());
      }}
    >
      <TextAreaField
        label={t('rights.override.reason')}
        description={t('rights.override.help')}
        isRequired
        minLength={3}
        maxLength={2000}
        value={reason}
        onChange={(value) => (setReason(value), setTooShort(false))}
        errorMessage={tooShort ? t('rights.reason.error') : undefined}
      />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={pending}>
          {t('rights.override.submit')}
        </Button>
      </div>
    </Form>
  );
}

function ReasonAction({ tenant, request, kind, onDone }: { tenant: string; request: DataSubjectRequest; kind: 'reject' | 'extend'; onDone: () => void }) {
  const t = useT();
  const reject = useRejectRequest(tenant, request.id);
  const extend = useExtendRequest(tenant, request.id);
  const action = kind === 'reject' ? reject : extend;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const refused = !!fieldErrors(action.error, ['reason'] as const).byField.reason;
  if (!open) {
    return (
      <div className={styles.actions}>
        <Button onPress={() => setOpen(true)}>{t(kind === 'reject' ? 'rights.reject.start' : 'rights.extend.start')}</Button>
      </div>
    );
  }
  const submit = () => {
    if (reason.trim().length < 3) return setTooShort(true);
    action.mutate(reason.trim(), { onSuccess: () => (setOpen(false), onDone()) });
  };
  return (
    <Form
      validationBehavior="aria"
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <p className={styles.muted}>{t(kind === 'reject' ? 'rights.reject.help' : 'rights.extend.help')}</p>
      {action.error && !refused && <ErrorState error={action.error} />}
      <TextAreaField
        label={t(kind === 'reject' ? 'rights.reject.reason' : 'rights.extend.reason')}
        isRequired
        autoFocus
        minLength={3}
        maxLength={2000}
        value={reason}
        onChange={(value) => (setReason(value), setTooShort(false), action.reset())}
        errorMessage={tooShort || refused ? t('rights.reason.error') : undefined}
      />
      <div className={styles.actions}>
        <Button type="submit" variant={kind === 'reject' ? 'danger' : 'primary'} isPending={action.isPending}>
          {t(kind === 'reject' ? 'rights.reject.submit' : 'rights.extend.submit')}
        </Button>
        <Button variant="quiet" onPress={() => (setOpen(false), action.reset())}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
