// The state of an invoice as a labelled badge: the word carries the meaning, the colour only helps.
import { useT } from '../../i18n/use-t';
import { statusOf, type StatusTone } from './invoice-status';
import styles from './invoices.module.css';

const TONES: Record<StatusTone, string | undefined> = {
  draft: styles.statusDraft,
  open: styles.statusOpen,
  overdue: styles.statusOverdue,
  paid: styles.statusPaid,
  closed: styles.statusClosed,
};

export function InvoiceStatusBadge({ invoice }: { invoice: { kind: string; status: string } }) {
  const t = useT();
  const { label, tone } = statusOf(invoice);
  return <span className={`${styles.status} ${TONES[tone]}`}>{t(label)}</span>;
}
