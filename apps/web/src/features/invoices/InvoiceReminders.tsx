// An invoice's payment reminders: send one when the invoice is overdue (after a confirmation that names the
// invoice and says that no fee is charged), and the reminders sent so far, manual or automatic.
import { useState } from 'react';
import { ApiError } from '../../api/problem';
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import type { Invoice } from './queries';
import { useReminders, useSendReminder } from './reminder-queries';
import styles from './invoices.module.css';

const KNOWN: Record<string, MessageId> = {
  'customer-has-no-email': 'invoices.reminders.noEmail',
  'payment-account-missing': 'invoices.documents.noAccount',
  'invoice-not-overdue': 'invoices.reminders.notOverdue',
  'invoice-paid': 'invoices.reminders.notOpen',
  'invoice-credited': 'invoices.reminders.notOpen',
  'invoice-changed': 'invoices.reminders.notOpen',
};

export function InvoiceReminders({ tenant, invoice }: { tenant: string; invoice: Invoice }) {
  const t = useT();
  const { locale } = useLocale();
  const history = useReminders(tenant, invoice.id);
  const send = useSendReminder(tenant, invoice.id);
  const [confirming, setConfirming] = useState(false);
  const code = send.error instanceof ApiError ? send.error.code : null;
  const known = code ? KNOWN[code] : undefined;
  return (
    <section className={styles.panel} aria-labelledby="invoice-reminders">
      <h2 id="invoice-reminders">{t('invoices.reminders.title')}</h2>
      <p className={styles.muted}>
        {invoice.overdue && invoice.dueDate ? t('invoices.reminders.help', { date: formatDate(invoice.dueDate, locale) }) : t('invoices.reminders.notYet')}
      </p>
      {send.data && (
        <div className={styles.gap}>
          <Notice tone="success">{t('invoices.reminders.sent', { to: send.data.to })}</Notice>
        </div>
      )}
      {known && (
        <div className={styles.gap}>
          <Notice tone="error">{t(known)}</Notice>
        </div>
      )}
      {send.error && !known && <ErrorState error={send.error} onRetry={() => send.mutate()} />}
      {confirming ? (
        <Notice
          tone="info"
          live={false}
          title={t('invoices.reminders.confirmTitle')}
          actions={
            <>
              <Button variant="primary" isPending={send.isPending} onPress={() => send.mutate(undefined, { onSettled: () => setConfirming(false) })}>
                {t('invoices.reminders.confirm')}
              </Button>
              <Button variant="quiet" onPress={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </>
          }
        >
          <p>{t('invoices.reminders.confirmBody', { number: invoice.number ?? '' })}</p>
        </Notice>
      ) : (
        <div className={`${styles.actions} ${styles.gap}`}>
          <Button isDisabled={!invoice.overdue} onPress={() => (send.reset(), setConfirming(true))}>
            {t('invoices.reminders.send')}
          </Button>
        </div>
      )}
      <h3 className={styles.subheading}>{t('invoices.reminders.history')}</h3>
      {history.isPending ? (
        <Loading label={t('invoices.reminders.loading')} />
      ) : history.error ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <p className={styles.muted}>{t('invoices.reminders.none')}</p>
      ) : (
        <ul className={styles.plainList} aria-label={t('invoices.reminders.history')}>
          {history.data.map((r) => (
            <li key={r.id}>
              {t('invoices.reminders.item', { ordinal: r.ordinal, date: formatDate(r.sentAt, locale) })}
              <span className={styles.muted}> · {t(r.kind === 'automatic' ? 'invoices.reminders.automatic' : 'invoices.reminders.manual')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
