// /t/:tenant/invoices/bank: payments from the bank. Upload a statement (camt.054 or the Finnish reference payment
// file), see what it booked and what it could not, and resolve the open ones: assign to an invoice, or close with
// a note. `?import=` names the import shown, so a result can be bookmarked and opened again.
import { useSearchParams, useParams } from 'react-router';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { type Column, DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { EntriesTable, ImportSummary } from './ImportResult';
import { OpenEntries } from './OpenEntries';
import { UploadForm } from './UploadForm';
import { type BankImportSummary, useBankImport, useBankImports } from './queries';
import styles from './bank-import.module.css';

export function BankImportPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const [search, setSearch] = useSearchParams();
  const selected = search.get('import');
  const show = (id: string) => setSearch({ import: id }, { replace: true });

  return (
    <>
      <p className={styles.back}>
        <Link href={paths.invoices(tenant)}>{t('bank.back')}</Link>
      </p>
      <PageHeader title={t('bank.title')} subtitle={t('bank.intro')} />
      <div className={styles.stack}>
        <UploadForm tenant={tenant} onImported={show} />
        {selected && <SelectedImport tenant={tenant} id={selected} />}
        <OpenEntries tenant={tenant} />
        <ImportHistory tenant={tenant} selected={selected} />
      </div>
    </>
  );
}

function SelectedImport({ tenant, id }: { tenant: string; id: string }) {
  const t = useT();
  const result = useBankImport(tenant, id);
  return (
    <section className={styles.section} aria-labelledby="bank-result">
      <h2 id="bank-result">{t('bank.result.title', { file: result.data?.fileName ?? '…' })}</h2>
      {result.isPending && <Loading label={t('bank.loading')} />}
      {result.error && <ErrorState error={result.error} onRetry={() => void result.refetch()} />}
      {result.data && (
        <>
          <ImportSummary summary={result.data.summary} />
          <EntriesTable tenant={tenant} entries={result.data.entries} caption={t('bank.entries.caption', { file: result.data.fileName })} />
        </>
      )}
    </section>
  );
}

function ImportHistory({ tenant, selected }: { tenant: string; selected: string | null }) {
  const t = useT();
  const { locale } = useLocale();
  const imports = useBankImports(tenant);
  const columns: Column<BankImportSummary>[] = [
    {
      key: 'file',
      header: t('bank.history.file'),
      breakAnywhere: true,
      cell: (i) => (
        <Link href={`${paths.bankImport(tenant)}?import=${i.id}`} aria-current={i.id === selected ? 'page' : undefined}>
          {i.fileName}
        </Link>
      ),
    },
    { key: 'at', header: t('bank.history.importedAt'), cell: (i) => formatDateTime(i.importedAt, locale), secondary: true },
    { key: 'matched', header: t('bank.summary.matched'), numeric: true, cell: (i) => i.summary.matched },
    { key: 'open', header: t('bank.summary.open'), numeric: true, cell: (i) => i.summary.open },
  ];
  return (
    <section className={styles.section} aria-labelledby="bank-history">
      <h2 id="bank-history">{t('bank.history.title')}</h2>
      {imports.isPending && <Loading label={t('bank.loading')} />}
      {imports.error && <ErrorState error={imports.error} onRetry={() => void imports.refetch()} />}
      {imports.data &&
        (imports.data.items.length === 0 ? (
          <p className={styles.muted}>{t('bank.history.empty')}</p>
        ) : (
          <DataTable caption={t('bank.history.title')} columns={columns} rows={imports.data.items} rowKey={(i) => i.id} />
        ))}
    </section>
  );
}
