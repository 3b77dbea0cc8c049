// The payments nobody has placed yet (unmatched, or more than the invoice owed), oldest first: each can be booked
// to an invoice a person chooses, or closed with a note of what was done (a refund, not our payment).
import { useId, useState } from 'react';
import { ApiError } from '../../api/problem';
import { useLocale } from '../../app/providers';
import { formatDate, formatMoney } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import fieldStyles from '../../ui/TextField.module.css';
import { EntryOutcome } from './ImportResult';
import { type BankEntry, useAssignEntry, useOpenEntries, usePayableInvoices, useResolveEntry } from './queries';
import styles from './bank-import.module.css';

export function OpenEntries({ tenant }: { tenant: string }) {
  const t = useT();
  const open = useOpenEntries(tenant);
  const payable = usePayableInvoices(tenant);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section className={styles.section} aria-labelledby="bank-open">
      <h2 id="bank-open">{t('bank.open.title')}</h2>
      <div role="status">{done && <Notice tone="success" live={false} title={done} />}</div>
      {open.isPending && <Loading label={t('bank.loading')} />}
      {open.error && <ErrorState error={open.error} onRetry={() => void open.refetch()} />}
      {open.data &&
        (open.data.items.length === 0 ? (
          <p className={styles.muted}>{t('bank.open.empty')}</p>
        ) : (
          <ul className={styles.cards}>
            {open.data.items.map((entry) => (
              <li key={entry.id}>
                <OpenEntry tenant={tenant} entry={entry} invoices={payable.data ?? []} onDone={setDone} />
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

type Payable = { id: string; number: number | null; customerName: string | null; outstandingCents: number };

function OpenEntry({ tenant, entry, invoices, onDone }: { tenant: string; entry: BankEntry; invoices: Payable[]; onDone: (message: string) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const id = useId();
  const assign = useAssignEntry(tenant, entry.id);
  const resolve = useResolveEntry(tenant, entry.id);
  const [invoiceId, setInvoiceId] = useState('');
  const [note, setNote] = useState('');
  const [invoiceMissing, setInvoiceMissing] = useState(false);
  const money = (cents: number) => formatMoney(cents, locale);
  const title = t('bank.open.entryTitle', { amount: money(entry.openCents), date: formatDate(entry.bookedOn, locale), payer: entry.payerName ?? t('bank.open.unknownPayer') });
  const assignError = invoiceMissing ? t('bank.error.chooseInvoice') : assignProblem(assign.error, t, money);
  const noteError = resolve.error instanceof ApiError && resolve.error.kind === 'validation' ? t('bank.error.note') : resolve.error instanceof ApiError && resolve.error.code === 'bank-entry-not-open' ? t('bank.error.notOpen') : null;

  return (
    <article className={styles.card} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={styles.cardTitle}>
        {title}
      </h3>
      <p className={styles.muted}>
        <EntryOutcome entry={entry} />
      </p>
      <dl className={styles.facts}>
        <div>
          <dt>{t('bank.entry.reference')}</dt>
          <dd>{entry.reference ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('bank.entry.amount')}</dt>
          <dd>{money(entry.amountCents)}</dd>
        </div>
        <div>
          <dt>{t('bank.entry.archiveId')}</dt>
          <dd className={styles.breakAnywhere}>{entry.archiveId}</dd>
        </div>
      </dl>
      <div className={styles.resolveGrid}>
        <form
          className={styles.smallForm}
          aria-label={t('bank.assign.label', { title })}
          onSubmit={(event) => {
            event.preventDefault();
            setInvoiceMissing(!invoiceId);
            if (!invoiceId) return;
            const chosen = invoices.find((i) => i.id === invoiceId);
            assign.mutate(invoiceId, { onSuccess: () => onDone(t('bank.assign.done', { amount: money(entry.openCents), number: chosen?.number ?? '' })) });
          }}
        >
          <div className={fieldStyles.field}>
            <label htmlFor={`${id}-invoice`} className={fieldStyles.label}>
              {t('bank.assign.invoice')}
            </label>
            <select
              id={`${id}-invoice`}
              className={fieldStyles.input}
              value={invoiceId}
              aria-invalid={assignError ? true : undefined}
              aria-describedby={assignError ? `${id}-assign-error` : undefined}
              onChange={(e) => (setInvoiceId(e.target.value), setInvoiceMissing(false), assign.reset())}
            >
              <option value="">{t('bank.assign.choose')}</option>
              {invoices.map((i) => (
                <option key={i.id} value={i.id}>
                  {t('bank.assign.option', { number: i.number ?? '', customer: i.customerName ?? '', outstanding: money(i.outstandingCents) })}
                </option>
              ))}
            </select>
            {assignError && (
              <span id={`${id}-assign-error`} className={fieldStyles.error}>
                {assignError}
              </span>
            )}
          </div>
          {assign.error && !assignError && <ErrorState error={assign.error} />}
          <Button type="submit" isPending={assign.isPending}>
            {t('bank.assign.submit')}
          </Button>
        </form>
        <form
          className={styles.smallForm}
          aria-label={t('bank.resolve.label', { title })}
          onSubmit={(event) => {
            event.preventDefault();
            resolve.mutate(note.trim(), { onSuccess: () => onDone(t('bank.resolve.done', { amount: money(entry.openCents) })) });
          }}
        >
          <TextField label={t('bank.resolve.note')} description={t('bank.resolve.noteHelp')} value={note} maxLength={500} onChange={(v) => (setNote(v), resolve.reset())} errorMessage={noteError ?? undefined} />
          {resolve.error && !noteError && <ErrorState error={resolve.error} />}
          <Button type="submit" isPending={resolve.isPending}>
            {t('bank.resolve.submit')}
          </Button>
        </form>
      </div>
    </article>
  );
}

function assignProblem(error: unknown, t: ReturnType<typeof useT>, money: (cents: number) => string): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'overpayment') {
    const outstanding = typeof error.problem?.outstandingCents === 'number' ? error.problem.outstandingCents : 0;
    return t('bank.error.overpayment', { outstanding: money(outstanding) });
  }
  if (error.code === 'invoice-not-payable') return t('bank.error.notPayable');
  if (error.code === 'bank-entry-not-open') return t('bank.error.notOpen');
  if (error.kind === 'validation') return t('bank.error.assignInvalid');
  return null;
}
