// /platform/incidents/:id (platform admins): one breach. The affected businesses with each controller's 72-hour
// clock in words; informing the controllers; per business, its notices to customers: draft one (whom it goes to
// and its text), send it for the owner's approval, and once approved (or, past the approval deadline, with a
// justification) send it; any number of follow-ups; delivery per customer; and the incident's audit trail.
import { Fragment, useState } from 'react';
import { Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { useParams } from 'react-router';
import { ApiError, localisedFieldErrors } from '../../api/problem';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice as Callout } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import {
  type Incident,
  type IncidentTenant,
  type Notice,
  type RecipientSelection,
  useDraftNotice,
  useIncident,
  useInformControllers,
  useSendNotice,
  useSubmitNotice,
  useUpdateNotice,
} from './incident-queries';
import { LongTextField } from './IncidentFields';
import { clockWords, DELIVERY_STATUS, INCIDENT_STATUS, NOTICE_STATUS } from './incident-words';
import { platformPaths } from './paths';
import { RoleGate } from './RoleGate';
import styles from './platform.module.css';

const NOTICE_FIELDS = ['selection', 'selection.customerIds', 'selection.registeredBefore', 'text', 'text.fi', 'text.en'] as const;
/** The API's field errors are in English for developers; the notice form says each in the user's language. */
const NOTICE_FIELD_MESSAGES: Record<(typeof NOTICE_FIELDS)[number], MessageId> = {
  selection: 'platform.notice.error.selection',
  'selection.customerIds': 'platform.notice.error.customerIds',
  'selection.registeredBefore': 'platform.notice.error.registeredBefore',
  text: 'platform.notice.error.text',
  'text.fi': 'platform.notice.error.text',
  'text.en': 'platform.notice.error.text',
};

type Mode = RecipientSelection['mode'];
const MODES: Mode[] = ['all', 'criteria', 'list', 'notified'];

/** The API's refusals a person can act on, in words; the rest go to ErrorState. */
const REFUSALS: Record<string, MessageId> = {
  'incident-not-notified': 'platform.notice.error.notNotified',
  'incident-notice-no-recipients': 'platform.notice.error.noRecipients',
  'incident-notice-not-approved': 'platform.notice.error.notApproved',
  'incident-notice-changed': 'platform.notice.error.changed',
  'incident-notice-not-editable': 'platform.notice.error.changed',
  'incident-notice-not-draft': 'platform.notice.error.changed',
  'incident-notice-sent': 'platform.notice.error.changed',
};

function Failure({ error }: { error: unknown }) {
  const t = useT();
  const known = error instanceof ApiError && error.code ? REFUSALS[error.code] : undefined;
  if (known) return <Callout tone="error">{t(known)}</Callout>;
  // The API's own wording is English for developers: the user gets the localised general answer.
  return <ErrorState error={error} />;
}

export function IncidentPage() {
  const t = useT();
  return (
    <RoleGate roles={['platform_admin']} title={t('platform.incidents.title')}>
      <IncidentView />
    </RoleGate>
  );
}

function IncidentView() {
  const t = useT();
  const { locale } = useLocale();
  const id = useParams().id!;
  const incident = useIncident(id);
  const inform = useInformControllers(id);
  const when = (value: string) => formatDateTime(value, locale);
  if (incident.isPending) return <Loading />;
  if (incident.error) return <ErrorState error={incident.error} onRetry={() => void incident.refetch()} />;
  const data = incident.data;
  const uninformed = data.tenants.some((x) => !x.controller.notifiedAt);
  return (
    <>
      <p className={styles.back}>
        <Link href={platformPaths.incidents()}>← {t('platform.incident.backToList')}</Link>
      </p>
      <PageHeader title={data.title} subtitle={t(INCIDENT_STATUS[data.status] ?? 'incidents.status.open')} />
      <section className={styles.card} aria-labelledby="incident-facts">
        <h2 id="incident-facts">{t('platform.incident.facts')}</h2>
        <p lang={locale}>{data.whatHappened[locale]}</p>
        <dl className={styles.dl}>
          <dt>{t('incidents.occurredAt')}</dt>
          <dd>{when(data.occurredAt)}</dd>
          <dt>{t('incidents.discoveredAt')}</dt>
          <dd>{when(data.discoveredAt)}</dd>
          <dt>{t('incidents.categories')}</dt>
          <dd>{data.dataCategories.map((c) => t(`incidents.category.${c}` as MessageId)).join(', ')}</dd>
        </dl>
      </section>

      <section className={styles.section} aria-labelledby="incident-controllers">
        <h2 id="incident-controllers">{t('platform.incident.controllers')}</h2>
        <p className={styles.searchHelp}>{t('platform.incident.controllers.help')}</p>
        <ul className={styles.memberList}>
          {data.tenants.map((tenant) => (
            <li key={tenant.tenantId} className={styles.card}>
              <h3 className={styles.memberName}>{tenant.legalName}</h3>
              <dl className={styles.dl}>
                <dt>{t('platform.incident.clock')}</dt>
                <dd>{clockWords(t, tenant.controller.clock, tenant.controller.informedAt, when)}</dd>
                <dt>{t('platform.incident.informed')}</dt>
                <dd>{tenant.controller.informedAt ? when(tenant.controller.informedAt) : tenant.controller.notifiedAt ? t('platform.incident.informedQueued') : t('platform.incident.notInformed')}</dd>
                {tenant.controller.authorityDeadline && (
                  <>
                    <dt>{t('platform.incident.authorityDeadline')}</dt>
                    <dd>{when(tenant.controller.authorityDeadline)}</dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ul>
        {uninformed && (
          <div className={styles.actions}>
            <Button variant="primary" isPending={inform.isPending} onPress={() => inform.mutate(undefined)}>
              {t('platform.incident.inform')}
            </Button>
          </div>
        )}
        {inform.error && <Failure error={inform.error} />}
      </section>

      {data.tenants.map((tenant) => (
        <TenantNotices key={tenant.tenantId} incident={data} tenant={tenant} />
      ))}

      <section className={styles.section} aria-labelledby="incident-events">
        <h2 id="incident-events">{t('platform.incident.events')}</h2>
        {data.events.length === 0 ? (
          <p className={styles.none}>{t('platform.incident.events.none')}</p>
        ) : (
          <ol className={styles.history}>
            {data.events.map((event, i) => (
              <li key={i}>
                {t('platform.incident.event', {
                  at: when(event.occurredAt),
                  who: event.actorName,
                  what: t(`platform.incident.event.${event.action}` as MessageId),
                  tenant: data.tenants.find((x) => x.tenantId === event.tenantId)?.legalName ?? '–',
                })}
                {/* The owner's own words; the other details are the API's (in English), shown on the notice itself. */}
                {event.action === 'notice_rejected' && event.detail ? ` – ${event.detail}` : ''}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function TenantNotices({ incident, tenant }: { incident: Incident; tenant: IncidentTenant }) {
  const t = useT();
  const [drafting, setDrafting] = useState(false);
  const notices = incident.notices.filter((n) => n.tenantId === tenant.tenantId);
  const headingId = `notices-${tenant.slug}`;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId}>{t('platform.incident.notices', { name: tenant.legalName })}</h2>
      {notices.length === 0 && <p className={styles.none}>{t('platform.incident.notices.none')}</p>}
      <ul className={styles.memberList}>
        {notices.map((notice) => (
          <li key={notice.id}>
            <NoticeCard incidentId={incident.id} notice={notice} />
          </li>
        ))}
      </ul>
      {drafting ? (
        <NoticeForm incidentId={incident.id} tenant={tenant} canFollowUp={notices.some((n) => n.kind === 'initial' && n.status === 'sent')} onDone={() => setDrafting(false)} />
      ) : (
        <div className={styles.actions}>
          <Button onPress={() => setDrafting(true)}>{t('platform.incident.notices.new', { name: tenant.legalName })}</Button>
        </div>
      )}
    </section>
  );
}

function selectionWords(t: ReturnType<typeof useT>, notice: Notice): string {
  const s = notice.selection;
  if (s.mode === 'criteria') return t('platform.notice.selection.criteriaWords', { after: s.registeredAfter?.slice(0, 10) ?? '–', before: s.registeredBefore?.slice(0, 10) ?? '–' });
  if (s.mode === 'list') return t('platform.notice.selection.listWords', { count: s.customerIds?.length ?? 0 });
  return t(`platform.notice.selection.${s.mode}` as MessageId);
}

function NoticeCard({ incidentId, notice }: { incidentId: string; notice: Notice }) {
  const t = useT();
  const { locale } = useLocale();
  const when = (value: string) => formatDateTime(value, locale);
  const [editing, setEditing] = useState(false);
  const [approvalHours, setApprovalHours] = useState('24');
  const [justification, setJustification] = useState('');
  const submit = useSubmitNotice(incidentId);
  const send = useSendNotice(incidentId);
  const error = submit.error ?? send.error;
  const title = t(notice.kind === 'initial' ? 'platform.notice.kind.initial' : 'platform.notice.kind.follow_up');
  const headingId = `notice-${notice.id}`;
  if (editing) return <NoticeForm incidentId={incidentId} notice={notice} onDone={() => setEditing(false)} />;
  return (
    <article className={styles.card} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.memberName}>
        {title} <span className={styles.badge}>{t(NOTICE_STATUS[notice.status] ?? 'platform.notice.status.draft')}</span>
      </h3>
      <dl className={styles.dl}>
        <dt>{t('platform.notice.selection')}</dt>
        <dd>{selectionWords(t, notice)}</dd>
        <dt>{t('platform.notice.recipients')}</dt>
        <dd>
          {notice.recipients.unreachable === null
            ? t('platform.notice.recipients.frozen', { count: notice.recipients.reachable })
            : t('platform.notice.recipients.live', { count: notice.recipients.reachable, unreachable: notice.recipients.unreachable })}
        </dd>
        <dt>{t('platform.notice.language')}</dt>
        <dd>{t(notice.language === 'en' ? 'platform.notice.language.en' : 'platform.notice.language.fi')}</dd>
        {notice.approvalDueAt && (
          <>
            <dt>{t('platform.notice.approvalDue')}</dt>
            <dd>{notice.approvalOverdue ? t('platform.notice.approvalOverdue', { at: when(notice.approvalDueAt) }) : when(notice.approvalDueAt)}</dd>
          </>
        )}
        {notice.rejectionReason && (
          <>
            <dt>{t('platform.notice.rejectionReason')}</dt>
            <dd>{notice.rejectionReason}</dd>
          </>
        )}
        {notice.sentAt && (
          <>
            <dt>{t('platform.notice.sentAt')}</dt>
            <dd>{when(notice.sentAt)}</dd>
          </>
        )}
        {notice.sendJustification && (
          <>
            <dt>{t('platform.notice.justification')}</dt>
            <dd>{notice.sendJustification}</dd>
          </>
        )}
      </dl>
      <details className={styles.historyBox}>
        <summary>{t('platform.notice.text')}</summary>
        {(['fi', 'en'] as const).map((lang) => (
          <Fragment key={lang}>
            <h4>{t(lang === 'fi' ? 'platform.notice.language.fi' : 'platform.notice.language.en')}</h4>
            <p className={styles.noticeText} lang={lang}>
              {notice.text[lang]}
            </p>
          </Fragment>
        ))}
      </details>
      {error && <Failure error={error} />}
      {(notice.status === 'draft' || notice.status === 'rejected') && (
        <div className={styles.actions}>
          <Button onPress={() => setEditing(true)}>{t('platform.notice.edit')}</Button>
          {notice.status === 'draft' && (
            <>
              <TextField label={t('platform.notice.approvalHours')} type="number" size="short" value={approvalHours} onChange={setApprovalHours} inputMode="numeric" />
              <Button variant="primary" isPending={submit.isPending} onPress={() => submit.mutate({ noticeId: notice.id, version: notice.version, approvalHours: Number(approvalHours) || undefined })}>
                {t('platform.notice.submit')}
              </Button>
            </>
          )}
        </div>
      )}
      {notice.status === 'approved' && (
        <div className={styles.actions}>
          <Button variant="primary" isPending={send.isPending} onPress={() => send.mutate({ noticeId: notice.id })}>
            {t('platform.notice.send')}
          </Button>
        </div>
      )}
      {notice.status === 'pending_approval' && (notice.approvalOverdue ? (
        <Form
          className={styles.form}
          onSubmit={(event) => {
            event.preventDefault();
            send.mutate({ noticeId: notice.id, justification: justification.trim() });
          }}
        >
          <LongTextField label={t('platform.notice.justification')} description={t('platform.notice.justification.help')} value={justification} onChange={setJustification} isRequired />
          <div className={styles.actions}>
            <Button type="submit" variant="danger" isPending={send.isPending}>
              {t('platform.notice.sendWithoutApproval')}
            </Button>
          </div>
        </Form>
      ) : (
        <p className={styles.searchHelp}>{t('platform.notice.awaiting')}</p>
      ))}
      {notice.deliveries.length > 0 && (
        <DataTable
          caption={t('platform.notice.deliveries', { delivered: notice.delivery.delivered, queued: notice.delivery.queued })}
          columns={[
            { key: 'customer', header: t('platform.notice.deliveries.customer'), cell: (d) => <span className={styles.mono}>{d.customerId}</span> },
            { key: 'status', header: t('platform.notice.deliveries.status'), cell: (d) => t(DELIVERY_STATUS[d.status] ?? 'platform.notice.delivery.queued') },
            { key: 'at', header: t('platform.notice.deliveries.at'), cell: (d) => (d.deliveredAt ? when(d.deliveredAt) : (d.error ?? '–')) },
          ]}
          rows={notice.deliveries}
          rowKey={(d) => d.customerId}
        />
      )}
    </article>
  );
}

/** Drafts a notice to one tenant's customers, or changes a draft (or a rejected notice). */
function NoticeForm(props: { incidentId: string; tenant?: IncidentTenant; notice?: Notice; canFollowUp?: boolean; onDone: () => void }) {
  const t = useT();
  const { notice } = props;
  const draft = useDraftNotice(props.incidentId);
  const update = useUpdateNotice(props.incidentId);
  const [kind, setKind] = useState<'initial' | 'follow_up'>(notice ? (notice.kind as 'initial' | 'follow_up') : 'initial');
  const [mode, setMode] = useState<Mode>(notice ? (notice.selection.mode as Mode) : 'all');
  const [after, setAfter] = useState(notice?.selection.registeredAfter?.slice(0, 10) ?? '');
  const [before, setBefore] = useState(notice?.selection.registeredBefore?.slice(0, 10) ?? '');
  const [ids, setIds] = useState((notice?.selection.customerIds ?? []).join('\n'));
  const [fi, setFi] = useState(notice?.text.fi ?? '');
  const [en, setEn] = useState(notice?.text.en ?? '');
  const error = draft.error ?? update.error;
  // Stale once anything is edited: a date marked invalid against the other must not block sending again.
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      if (draft.error) draft.reset();
      if (update.error) update.reset();
      set(value);
    };
  const errors = { byField: localisedFieldErrors(error, NOTICE_FIELDS, (field) => t(NOTICE_FIELD_MESSAGES[field])) };

  const selection = (): RecipientSelection => ({
    mode,
    ...(mode === 'criteria' ? { ...(after ? { registeredAfter: after } : {}), ...(before ? { registeredBefore: before } : {}) } : {}),
    ...(mode === 'list' ? { customerIds: ids.split(/[\s,;]+/).filter(Boolean) } : {}),
  });
  const save = () => {
    const text = fi.trim() || en.trim() ? { fi: fi.trim(), en: en.trim() } : undefined;
    if (notice) update.mutate({ noticeId: notice.id, body: { selection: selection(), text: text ?? notice.text, version: notice.version } }, { onSuccess: props.onDone });
    else draft.mutate({ tenant: props.tenant!.slug, kind, selection: selection(), ...(text ? { text } : {}) }, { onSuccess: props.onDone });
  };
  const modes = MODES.filter((m) => m !== 'notified' || kind === 'follow_up');
  return (
    <Form
      className={`${styles.form} ${styles.card}`}
      aria-label={notice ? t('platform.notice.edit') : t('platform.incident.notices.new', { name: props.tenant!.legalName })}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      {error && !Object.keys(errors.byField).length && <Failure error={error} />}
      {!notice && (
        <RadioGroup className={styles.kind} value={kind} onChange={(v) => setKind(v as 'initial' | 'follow_up')} orientation="horizontal">
          <Label className={styles.kindLabel}>{t('platform.notice.kind')}</Label>
          <div className={styles.kindOptions}>
            <Radio value="initial" className={styles.radio}>
              {t('platform.notice.kind.initial')}
            </Radio>
            <Radio value="follow_up" className={styles.radio} isDisabled={!props.canFollowUp}>
              {t('platform.notice.kind.follow_up')}
            </Radio>
          </div>
        </RadioGroup>
      )}
      <RadioGroup className={styles.kind} value={mode} onChange={(v) => setMode(v as Mode)} orientation="horizontal">
        <Label className={styles.kindLabel}>{t('platform.notice.selection')}</Label>
        <div className={styles.kindOptions}>
          {modes.map((m) => (
            <Radio key={m} value={m} className={styles.radio}>
              {t(`platform.notice.selection.${m}` as MessageId)}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      {mode === 'criteria' && (
        <div className={styles.grid}>
          <TextField label={t('platform.notice.registeredAfter')} type="date" value={after} onChange={edited(setAfter)} errorMessage={errors.byField.selection} />
          <TextField label={t('platform.notice.registeredBefore')} type="date" value={before} onChange={edited(setBefore)} errorMessage={errors.byField['selection.registeredBefore']} />
        </div>
      )}
      {mode === 'list' && (
        <LongTextField label={t('platform.notice.customerIds')} description={t('platform.notice.customerIds.help')} value={ids} onChange={edited(setIds)} isRequired errorMessage={errors.byField['selection.customerIds']} />
      )}
      <LongTextField
        label={t('platform.notice.textFi')}
        description={!notice && kind === 'initial' ? t('platform.notice.text.help') : undefined}
        value={fi}
        onChange={edited(setFi)}
        isRequired={Boolean(notice) || kind === 'follow_up'}
        rows={8}
        lang="fi"
        errorMessage={errors.byField['text.fi'] ?? errors.byField.text}
      />
      <LongTextField label={t('platform.notice.textEn')} value={en} onChange={edited(setEn)} isRequired={Boolean(notice) || kind === 'follow_up'} rows={8} lang="en" errorMessage={errors.byField['text.en']} />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={draft.isPending || update.isPending}>
          {notice ? t('platform.notice.save') : t('platform.notice.draft')}
        </Button>
        <Button variant="quiet" onPress={props.onDone}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
