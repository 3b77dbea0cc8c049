// /t/:tenant/requests/:id: one data-subject request: what was asked, when, its deadline in words, what has been
// done; and the next step: verify the identity (a code to the address on record, or a staff check from a fixed
// list), complete, reject or extend before the deadline with a reason (owners decide; beyond the free copies a
// year the owner serves, charges a fee or refuses), and the export of a completed access request. An erasure
// refused for unpaid invoices names them, with links. Below, the mails sent about the request (no addresses).
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
import { parseEuros } from '../invoices/amounts';
import { SelectField, TextAreaField } from '../invoices/fields';
import { type Column, DataTable } from '../../ui/DataTable';
import { DeadlineBadge } from './DeadlineBadge';
import { isOpen } from './deadlines';
import { CHANNEL_LABELS, MAIL_EVENT_LABELS, OBJECTION_DECISION_LABELS, REPEAT_LABELS, STATE_LABELS, TYPE_LABELS, VERIFICATION_LABELS } from './labels';
import { type DataSubjectRequest, exportHref, type RequestMail, useRequestMails, type StaffCheckMethod, useCompleteRequest, useExtendRequest, useObjectionDecision, useRejectRequest, useRepeatAccessDecision, useRequest, useSendCode, useVerifyRequest } from './queries';
import styles from './requests.module.css';

type Done = 'verified' | 'completed' | 'rejected' | 'extended' | 'decided';
const DONE: Record<Done, MessageId> = {
  decided: 'rights.done.decided',
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
                  {r.beyondFreeCopies ? (
                    <RepeatDecisionForm tenant={tenant} request={r} onDone={() => onDone('decided')} />
                  ) : r.type === 'objection_legitimate_interest' ? (
                    r.state !== 'received' && <ObjectionDecisionForm tenant={tenant} request={r} onDone={() => onDone('decided')} />
                  ) : (
                    <>
                      {r.state !== 'received' && <CompleteAction tenant={tenant} request={r} onDone={() => onDone('completed')} />}
                      <ReasonAction tenant={tenant} request={r} kind="reject" onDone={() => onDone('rejected')} />
                    </>
                  )}
                  {r.extendedAt ? (
                    <p className={styles.muted}>{t('rights.extend.already')}</p>
                  ) : r.overdue ? (
                    <p className={styles.muted}>{t('rights.extend.overdue')}</p>
                  ) : (
                    <ReasonAction tenant={tenant} request={r} kind="extend" onDone={() => onDone('extended')} />
                  )}
                </>
              ) : (
                <Notice tone="info" live={false}>
                  <p>{t('rights.request.ownerDecides')}</p>
                </Notice>
              )}
            </div>
          </section>
        )}
        <MailsSent tenant={tenant} id={r.id} />
      </div>
    </>
  );
}

/** The mails queued about the request, from the outbox's records: what, to whom, when, and whether delivered. */
function MailsSent({ tenant, id }: { tenant: string; id: string }) {
  const t = useT();
  const { locale } = useLocale();
  const mails = useRequestMails(tenant, id);
  const status = (m: RequestMail) =>
    m.delivered === m.messages
      ? t('rights.mails.delivered')
      : m.failed > 0 && m.delivered === 0
        ? t('rights.mails.failed')
        : m.delivered > 0
          ? t('rights.mails.deliveredSome', { delivered: m.delivered, messages: m.messages })
          : t('rights.mails.queued');
  const columns: Column<RequestMail>[] = [
    { key: 'mail', header: t('rights.mails.column.mail'), cell: (m) => t(MAIL_EVENT_LABELS[m.event]) },
    { key: 'to', header: t('rights.mails.column.to'), cell: (m) => (m.recipients === 'person' ? t('rights.mails.toPerson') : t('rights.mails.toHandlers', { count: m.messages })) },
    { key: 'queued', header: t('rights.mails.column.queued'), cell: (m) => formatDateTime(m.queuedAt, locale), secondary: true },
    { key: 'status', header: t('rights.mails.column.status'), cell: status },
  ];
  return (
    <section className={styles.panel} aria-labelledby="request-mails">
      <h2 id="request-mails">{t('rights.mails.title')}</h2>
      <div className={styles.stack}>
        <p className={styles.muted}>{t('rights.mails.help')}</p>
        {mails.isPending && <Loading label={t('rights.mails.loading')} />}
        {mails.error && <ErrorState error={mails.error} onRetry={() => void mails.refetch()} />}
        {mails.data && mails.data.length === 0 && <p className={styles.muted}>{t('rights.mails.none')}</p>}
        {mails.data && mails.data.length > 0 && <DataTable caption={t('rights.mails.title')} columns={columns} rows={mails.data} rowKey={(m) => `${m.recipients}:${m.event}:${m.queuedAt}`} />}
      </div>
    </section>
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
            <dd>{t('rights.request.verifiedText', { date: at(r.verifiedAt), method: r.verificationMethod ? t(VERIFICATION_LABELS[r.verificationMethod]) : '' })}</dd>
          </>
        )}
        {r.verificationNote && (
          <>
            <dt>{t('rights.request.verificationNote')}</dt>
            <dd>{r.verificationNote}</dd>
          </>
        )}
        {r.repeatDecision && (
          <>
            <dt>{t('rights.request.repeatDecision')}</dt>
            <dd>{t(REPEAT_LABELS[r.repeatDecision])}</dd>
          </>
        )}
        {r.feeInvoiceId && (
          <>
            <dt>{t('rights.request.feeInvoice')}</dt>
            <dd>
              <Link href={paths.invoice(tenant, r.feeInvoiceId)}>{t('rights.request.openInvoice')}</Link>
            </dd>
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
        {r.objectionDecision && (
          <>
            <dt>{t('rights.request.objectionDecision')}</dt>
            <dd>{t(OBJECTION_DECISION_LABELS[r.objectionDecision])}</dd>
          </>
        )}
        {r.objectionEffect && (
          <>
            <dt>{t('rights.request.objectionEffect')}</dt>
            <dd>{r.objectionEffect}</dd>
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
        <Link href={exportHref(tenant, id, 'csv')} download appearance="button-secondary">
          {t('rights.export.csv')}
        </Link>
        <Link href={exportHref(tenant, id, 'html')} download appearance="button-secondary">
          {t('rights.export.html')}
        </Link>
      </div>
    </section>
  );
}

const STAFF_CHECKS: StaffCheckMethod[] = ['id_document_in_person', 'call_back_registered_phone', 'signed_letter_matching_register'];

/** Verification of a written request: a one-time code to the address on record, or a recorded staff check. */
function VerifyForm({ tenant, request, onDone }: { tenant: string; request: DataSubjectRequest; onDone: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const send = useSendCode(tenant, request.id);
  const verify = useVerifyRequest(tenant, request.id);
  const [method, setMethod] = useState<StaffCheckMethod | ''>('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const sendCode = send.error instanceof ApiError ? send.error.code : undefined;
  const noPhone = verify.error instanceof ApiError && verify.error.code === 'no-phone-on-record';
  const verifyUrl = `${window.location.origin}/t/${tenant}/verify`;
  const submit = () => {
    if (!method) return setMissing(true);
    verify.mutate({ method, note: note.trim() || undefined }, { onSuccess: onDone });
  };
  return (
    <section aria-labelledby="verify-title" className={styles.stack}>
      <h3 id="verify-title">{t('rights.verify.title')}</h3>
      <p className={styles.muted}>{t('rights.verify.intro')}</p>
      <div className={styles.stack}>
        <h4>{t('rights.verify.codeTitle')}</h4>
        <p className={styles.muted}>{t('rights.verify.codeHelp', { url: verifyUrl })}</p>
        <div role="status">
          {send.data && (
            <Notice tone="success" live={false}>
              <p>{t('rights.verify.codeSent', { to: send.data.sentTo, time: new Date(send.data.expiresAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }) })}</p>
            </Notice>
          )}
        </div>
        {sendCode === 'no-email-on-record' && <Notice tone="warning">{t('rights.verify.noEmail')}</Notice>}
        {sendCode === 'too-many-codes' && <Notice tone="warning">{t('rights.verify.tooMany')}</Notice>}
        {send.error && sendCode !== 'no-email-on-record' && sendCode !== 'too-many-codes' && <ErrorState error={send.error} />}
        <div className={styles.actions}>
          <Button variant={send.data ? 'secondary' : 'primary'} isPending={send.isPending} onPress={() => send.mutate()}>
            {t(send.data ? 'rights.verify.sendAgain' : 'rights.verify.sendCode')}
          </Button>
        </div>
      </div>
      <Form
        validationBehavior="aria"
        className={styles.form}
        aria-labelledby="check-title"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <h4 id="check-title">{t('rights.verify.checkTitle')}</h4>
        {verify.error && !noPhone && <ErrorState error={verify.error} />}
        <SelectField
          label={t('rights.verify.checkMethod')}
          value={method}
          isRequired
          onChange={(value) => (setMethod(value as StaffCheckMethod), setMissing(false), verify.reset())}
          errorMessage={missing ? t('rights.verify.methodError') : noPhone ? t('rights.verify.noPhone') : undefined}
        >
          <option value="" disabled>
            —
          </option>
          {STAFF_CHECKS.map((m) => (
            <option key={m} value={m}>
              {t(VERIFICATION_LABELS[m])}
            </option>
          ))}
        </SelectField>
        <TextField label={t('rights.verify.note')} description={t('rights.verify.noteHelp')} maxLength={500} value={note} onChange={(value) => setNote(value)} />
        <div className={styles.actions}>
          <Button type="submit" variant="secondary" isPending={verify.isPending}>
            {t('rights.verify.submit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** Beyond the free copies a year, the owner decides: serve free, serve for a fee (invoiced), or refuse; the person is told why. */
function RepeatDecisionForm({ tenant, request, onDone }: { tenant: string; request: DataSubjectRequest; onDone: () => void }) {
  const t = useT();
  const decide = useRepeatAccessDecision(tenant, request.id);
  const [decision, setDecision] = useState<'serve' | 'fee' | 'refuse' | ''>('');
  const [reason, setReason] = useState('');
  const [fee, setFee] = useState('');
  const [errors, setErrors] = useState<{ decision?: boolean; reason?: boolean; fee?: boolean }>({});
  const unverified = request.state === 'received';
  const submit = () => {
    const feeCents = decision === 'fee' ? parseEuros(fee) : null;
    const next = {
      decision: !decision || (unverified && decision !== 'refuse'),
      reason: reason.trim().length < 3,
      fee: decision === 'fee' && (feeCents === null || feeCents < 1 || feeCents > 100_000),
    };
    setErrors(next);
    if (next.decision || next.reason || next.fee || !decision) return;
    decide.mutate({ decision, reason: reason.trim(), ...(decision === 'fee' ? { feeCents: feeCents! } : {}) }, { onSuccess: onDone });
  };
  return (
    <Form
      validationBehavior="aria"
      className={styles.form}
      aria-labelledby="repeat-title"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Notice tone="warning" live={false} title={t('rights.repeat.title')}>
        <p id="repeat-title">{t('rights.repeat.body')}</p>
        {unverified && <p>{t('rights.repeat.needsVerify')}</p>}
      </Notice>
      {decide.error && <ErrorState error={decide.error} />}
      <SelectField
        label={t('rights.repeat.decision')}
        value={decision}
        isRequired
        onChange={(value) => (setDecision(value as 'serve' | 'fee' | 'refuse'), setErrors({}), decide.reset())}
        errorMessage={errors.decision ? (unverified && decision ? t('rights.repeat.needsVerify') : t('rights.repeat.decisionError')) : undefined}
      >
        <option value="" disabled>
          —
        </option>
        {(['serve', 'fee', 'refuse'] as const).map((d) => (
          <option key={d} value={d}>
            {t(REPEAT_LABELS[d])}
          </option>
        ))}
      </SelectField>
      {decision === 'fee' && (
        <TextField
          label={t('rights.repeat.feeAmount')}
          description={t('rights.repeat.feeHelp')}
          inputMode="decimal"
          size="short"
          isRequired
          value={fee}
          onChange={(value) => (setFee(value), setErrors((e) => ({ ...e, fee: false })))}
          errorMessage={errors.fee ? t('rights.repeat.feeError') : undefined}
        />
      )}
      <TextAreaField
        label={t('rights.repeat.reason')}
        isRequired
        minLength={3}
        maxLength={2000}
        value={reason}
        onChange={(value) => (setReason(value), setErrors((e) => ({ ...e, reason: false })))}
        errorMessage={errors.reason ? t('rights.reason.error') : undefined}
      />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={decide.isPending}>
          {t('rights.repeat.submit')}
        </Button>
      </div>
    </Form>
  );
}

/** Art. 21(1): the owner upholds the objection (saying what stops) or rejects it for compelling grounds; the person is told why. */
function ObjectionDecisionForm({ tenant, request, onDone }: { tenant: string; request: DataSubjectRequest; onDone: () => void }) {
  const t = useT();
  const decide = useObjectionDecision(tenant, request.id);
  const [decision, setDecision] = useState<'upheld' | 'rejected' | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ decision?: boolean; reason?: boolean }>({});
  const submit = () => {
    const next = { decision: !decision, reason: reason.trim().length < 10 };
    setErrors(next);
    if (next.decision || next.reason || !decision) return;
    decide.mutate({ decision, reason: reason.trim() }, { onSuccess: onDone });
  };
  return (
    <Form
      validationBehavior="aria"
      className={styles.form}
      aria-labelledby="objection-title"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Notice tone="warning" live={false} title={t('rights.objection.title')}>
        <p id="objection-title">{t('rights.objection.body')}</p>
      </Notice>
      {decide.error && <ErrorState error={decide.error} />}
      <SelectField
        label={t('rights.objection.decision')}
        value={decision}
        isRequired
        onChange={(value) => (setDecision(value as 'upheld' | 'rejected'), setErrors({}), decide.reset())}
        errorMessage={errors.decision ? t('rights.objection.decisionError') : undefined}
      >
        <option value="" disabled>
          —
        </option>
        {(['upheld', 'rejected'] as const).map((d) => (
          <option key={d} value={d}>
            {t(OBJECTION_DECISION_LABELS[d])}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t(decision === 'rejected' ? 'rights.objection.grounds' : 'rights.objection.effect')}
        description={t('rights.objection.reasonHelp')}
        isRequired
        minLength={10}
        maxLength={2000}
        value={reason}
        onChange={(value) => (setReason(value), setErrors((e) => ({ ...e, reason: false })))}
        errorMessage={errors.reason ? t('rights.objection.reasonError') : undefined}
      />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={decide.isPending}>
          {t('rights.objection.submit')}
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
      {complete.error && !unpaid && <ErrorState error={complete.error} />}
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
        <>
          {request.type === 'restriction' && <p className={styles.muted}>{t('rights.complete.restrictionHint')}</p>}
          <div className={styles.actions}>
            <Button variant="primary" isPending={complete.isPending} onPress={() => (erasure ? (complete.reset(), setConfirming(true)) : run())}>
              {t(erasure ? 'rights.complete.erase' : 'rights.complete.submit')}
            </Button>
          </div>
        </>
      )}
    </div>
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
