// /t/:tenant/incidents/notices/:noticeId (owner): a breach notice the platform drafted for this business's
// customers. The owner reads the text their customers will get and who gets it (by name and address), then
// approves it, or rejects it with a reason for the platform to redraft. Nothing is sent before that, unless the
// answer is late: then the page says the platform sent it without approval, and why. Once sent, each customer's
// delivery shows.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { LongTextField } from '../platform/IncidentFields';
import { NOTICE_STATUS } from './notice-words';
import { type TenantNotice, useDecideNotice, useTenantNotice } from './queries';
import styles from './oversight.module.css';

const DELIVERY: Record<string, MessageId> = { queued: 'incidents.notice.delivery.queued', sent: 'incidents.notice.delivery.sent', failed: 'incidents.notice.delivery.failed' };

export function NoticeApprovalPage() {
  const t = useT();
  const { tenant, noticeId } = useParams() as { tenant: string; noticeId: string };
  const notice = useTenantNotice(tenant, noticeId);
  return (
    <>
      <p className={styles.back}>
        <Link href={paths.incidents(tenant)}>← {t('incidents.notice.back')}</Link>
      </p>
      {notice.isPending && <Loading />}
      {notice.error && <ErrorState error={notice.error} onRetry={() => void notice.refetch()} />}
      {notice.data && <Approval tenant={tenant} notice={notice.data} />}
    </>
  );
}

function Approval({ tenant, notice }: { tenant: string; notice: TenantNotice }) {
  const t = useT();
  const { locale } = useLocale();
  const when = (value: string) => formatDateTime(value, locale);
  const decide = useDecideNotice(tenant, notice.id);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const lang = notice.language === 'en' ? 'en' : 'fi';
  const conflict = decide.error instanceof ApiError && decide.error.kind === 'conflict';
  const reject = () => {
    if (reason.trim().length < 3) return setReasonError(t('incidents.notice.reason.required'));
    setReasonError(undefined);
    decide.mutate({ approve: false, version: notice.version, reason: reason.trim() }, { onSuccess: () => setRejecting(false) });
  };
  return (
    <>
      <PageHeader title={t(notice.kind === 'initial' ? 'incidents.notice.title.initial' : 'incidents.notice.title.follow_up')} subtitle={notice.incidentTitle} />
      {decide.isSuccess && notice.status === 'approved' && <Notice tone="success" title={t('incidents.notice.approved')} />}
      {decide.isSuccess && notice.status === 'rejected' && <Notice tone="info" title={t('incidents.notice.rejected')} />}
      {conflict && <Notice tone="error" title={t('incidents.notice.conflict')} />}
      {decide.error && !conflict && <ErrorState error={decide.error} />}
      <dl className={styles.facts}>
        <div>
          <dt>{t('incidents.notice.status')}</dt>
          <dd>{t(NOTICE_STATUS[notice.status] ?? 'incidents.notice.status.pending_approval')}</dd>
        </div>
        {notice.approvalDueAt && (
          <div>
            <dt>{t('incidents.notice.due')}</dt>
            <dd>{when(notice.approvalDueAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('incidents.notice.recipientCount')}</dt>
          <dd>{t('incidents.notice.recipients.count', { count: notice.recipientList.length })}</dd>
        </div>
        {notice.rejectionReason && (
          <div>
            <dt>{t('incidents.notice.reason')}</dt>
            <dd>{notice.rejectionReason}</dd>
          </div>
        )}
        {notice.sentAt && (
          <div>
            <dt>{t('incidents.notice.sentAt')}</dt>
            <dd>{when(notice.sentAt)}</dd>
          </div>
        )}
        {notice.sendJustification && (
          <div>
            <dt>{t('incidents.notice.sentWithoutApproval')}</dt>
            <dd>{notice.sendJustification}</dd>
          </div>
        )}
      </dl>
      {notice.status === 'pending_approval' && <p className={styles.explain}>{t('incidents.notice.explain')}</p>}

      <section className={styles.card} aria-labelledby="notice-text">
        <h2 id="notice-text">{t('incidents.notice.text', { language: t(lang === 'fi' ? 'incidents.notice.language.fi' : 'incidents.notice.language.en') })}</h2>
        <p className={styles.noticeText} lang={lang}>
          {notice.text[lang]}
        </p>
      </section>

      <section aria-labelledby="notice-recipients">
        <h2 id="notice-recipients">{t('incidents.notice.recipients')}</h2>
        <DataTable
          caption={t('incidents.notice.recipients')}
          columns={[
            { key: 'name', header: t('incidents.notice.recipient.name'), cell: (r) => r.name ?? t('incidents.notice.recipient.erased') },
            { key: 'email', header: t('incidents.notice.recipient.email'), cell: (r) => r.email ?? '–' },
            { key: 'delivery', header: t('incidents.notice.recipient.delivery'), cell: (r) => (r.delivery ? t(DELIVERY[r.delivery] ?? 'incidents.notice.delivery.queued') : t('incidents.notice.delivery.notSent')) },
          ]}
          rows={notice.recipientList}
          rowKey={(r) => r.customerId}
        />
      </section>

      {notice.status === 'pending_approval' && (
        <section aria-labelledby="notice-decision" className={styles.decision}>
          <h2 id="notice-decision">{t('incidents.notice.decision')}</h2>
          {rejecting ? (
            <Form
              onSubmit={(event) => {
                event.preventDefault();
                reject();
              }}
              className={styles.decisionForm}
            >
              <LongTextField label={t('incidents.notice.reason')} description={t('incidents.notice.reason.help')} value={reason} onChange={setReason} isRequired errorMessage={reasonError} />
              <div className={styles.buttons}>
                <Button type="submit" variant="danger" isPending={decide.isPending}>
                  {t('incidents.notice.reject.confirm')}
                </Button>
                <Button variant="quiet" onPress={() => setRejecting(false)}>
                  {t('common.cancel')}
                </Button>
              </div>
            </Form>
          ) : (
            <div className={styles.buttons}>
              <Button variant="primary" isPending={decide.isPending} onPress={() => decide.mutate({ approve: true, version: notice.version })}>
                {t('incidents.notice.approve', { count: notice.recipientList.length })}
              </Button>
              <Button onPress={() => setRejecting(true)}>{t('incidents.notice.reject')}</Button>
            </div>
          )}
        </section>
      )}
    </>
  );
}
