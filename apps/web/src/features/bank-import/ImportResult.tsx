// What an import did: the sums, and each entry of the file with what became of it, in words.
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate, formatMoney } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { type Column, DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import type { BankEntry, BankImport } from './queries';
import styles from './bank-import.module.css';

const STATUS: Record<string, MessageId> = {
  matched: 'bank.status.matched',
  overpaid: 'bank.status.overpaid',
  unmatched: 'bank.status.unmatched',
  duplicate: 'bank.status.duplicate',
};

const REASON: Record<string, MessageId> = {
  no_reference: 'bank.reason.noReference',
  unknown_reference: 'bank.reason.unknownReference',
  not_payable: 'bank.reason.notPayable',
  before_issue: 'bank.reason.beforeIssue',
  correction: 'bank.reason.correction',
  currency: 'bank.reason.currency',
  overpaid: 'bank.reason.overpaid',
  already_imported: 'bank.reason.alreadyImported',
  repeated_in_file: 'bank.reason.repeatedInFile',
};

export function ImportSummary({ summary }: { summary: BankImport['summary'] }) {
  const t = useT();
  const { locale } = useLocale();
  const items: [MessageId, string | number][] = [
    ['bank.summary.total', summary.total],
    ['bank.summary.matched', summary.matched],
    ['bank.summary.overpaid', summary.overpaid],
    ['bank.summary.unmatched', summary.unmatched],
    ['bank.summary.duplicate', summary.duplicate],
    ['bank.summary.booked', formatMoney(summary.bookedCents, locale)],
    ['bank.summary.openCents', formatMoney(summary.openCents, locale)],
  ];
  return (
    <dl className={styles.summary}>
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What became of the entry, in words: its state, and why when it is not simply booked. */
export function EntryOutcome({ entry }: { entry: BankEntry }) {
  const t = useT();
  const reason = entry.reason ? REASON[entry.reason] : undefined;
  return (
    <>
      <strong>{t(STATUS[entry.status] ?? 'bank.status.unmatched')}</strong>
      {reason && <span className={styles.reason}>{t(reason, { file: entry.duplicateOf?.fileName ?? '' })}</span>}
      {entry.resolution && (
        <span className={styles.reason}>
          {entry.resolution.kind === 'assigned' ? t('bank.resolution.assigned', { number: entry.resolution.invoice?.number ?? '' }) : t('bank.resolution.noted', { note: entry.resolution.note ?? '' })}
        </span>
      )}
    </>
  );
}

export function EntriesTable({ tenant, entries, caption }: { tenant: string; entries: BankEntry[]; caption: string }) {
  const t = useT();
  const { locale } = useLocale();
  const columns: Column<BankEntry>[] = [
    { key: 'line', header: t('bank.entry.line'), numeric: true, secondary: true, cell: (e) => e.line },
    { key: 'date', header: t('bank.entry.bookedOn'), cell: (e) => formatDate(e.bookedOn, locale), secondary: true },
    { key: 'payer', header: t('bank.entry.payer'), cell: (e) => e.payerName ?? '–' },
    { key: 'reference', header: t('bank.entry.reference'), breakAnywhere: true, secondary: true, cell: (e) => e.reference ?? '–' },
    { key: 'amount', header: t('bank.entry.amount'), numeric: true, cell: (e) => formatMoney(e.amountCents, locale) },
    { key: 'outcome', header: t('bank.entry.outcome'), cell: (e) => <EntryOutcome entry={e} /> },
    {
      key: 'invoice',
      header: t('bank.entry.invoice'),
      cell: (e) => (e.invoice ? <Link href={paths.invoice(tenant, e.invoice.id)}>{t('bank.entry.invoiceNumber', { number: e.invoice.number })}</Link> : '–'),
    },
  ];
  return <DataTable caption={caption} columns={columns} rows={entries} rowKey={(e) => e.id} />;
}
