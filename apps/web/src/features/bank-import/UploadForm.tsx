// Choose the bank's file and book it. A refused file is explained beside the file field (which line, why), and a
// file booked before is named with a link to its import.
import { useId, useState } from 'react';
import { ApiError } from '../../api/problem';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import fieldStyles from '../../ui/TextField.module.css';
import { fileToBase64, useImportBankFile } from './queries';
import styles from './bank-import.module.css';

const MAX_BYTES = 2 * 1024 * 1024;

export function UploadForm({ tenant, onImported }: { tenant: string; onImported: (id: string) => void }) {
  const t = useT();
  const id = useId();
  const upload = useImportBankFile(tenant);
  const [file, setFile] = useState<File | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const problem = upload.error instanceof ApiError ? upload.error : null;
  const explained = fileProblem(problem);
  const error = clientError ?? (explained ? t(explained.message, explained.values) : null);

  const submit = async () => {
    setClientError(null);
    if (!file) return setClientError(t('bank.error.noFile'));
    if (file.size > MAX_BYTES) return setClientError(t('bank.error.tooLarge'));
    const contentBase64 = await fileToBase64(file);
    upload.mutate({ fileName: file.name, contentBase64 }, { onSuccess: (result) => onImported(result.id) });
  };

  return (
    <form
      className={styles.panel}
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-title`}>{t('bank.upload.title')}</h2>
      {upload.error && !explained && <ErrorState error={upload.error} />}
      <div className={fieldStyles.field}>
        <label htmlFor={`${id}-file`} className={fieldStyles.label}>
          {t('bank.upload.file')}
        </label>
        <span id={`${id}-help`} className={fieldStyles.description}>
          {t('bank.upload.help')}
        </span>
        <input
          id={`${id}-file`}
          type="file"
          className={`${fieldStyles.input} ${styles.file}`}
          accept=".xml,.txt,.dat,.ktl,text/xml,application/xml,text/plain"
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setClientError(null);
            upload.reset();
          }}
        />
        {error && (
          <span id={`${id}-error`} className={fieldStyles.error}>
            {error}
            {problem?.problem?.detail && explained?.showDetail && (
              <span className={styles.detail} lang="en">
                {' '}
                {problem.problem.detail}
              </span>
            )}
          </span>
        )}
        {problem?.code === 'bank-file-already-imported' && <EarlierImport tenant={tenant} earlier={problem.problem?.earlierImport} />}
      </div>
      <div className={styles.actions}>
        <Button type="submit" variant="primary" isPending={upload.isPending}>
          {upload.isPending ? t('bank.upload.pending') : t('bank.upload.submit')}
        </Button>
      </div>
    </form>
  );
}

function EarlierImport({ tenant, earlier }: { tenant: string; earlier: unknown }) {
  const t = useT();
  const { locale } = useLocale();
  const e = earlier as { id?: string; fileName?: string; importedAt?: string } | undefined;
  if (!e?.id) return null;
  return (
    <p className={styles.muted}>
      <Link href={`${paths.bankImport(tenant)}?import=${e.id}`}>{t('bank.error.earlierLink', { file: e.fileName ?? '', date: e.importedAt ? formatDateTime(e.importedAt, locale) : '' })}</Link>
    </p>
  );
}

type Explained = { message: Parameters<ReturnType<typeof useT>>[0]; values?: Record<string, string | number>; showDetail?: boolean };

/** The refusals that concern the file itself, in words; anything else is explained above the form. */
function fileProblem(error: ApiError | null): Explained | null {
  if (!error) return null;
  const line = typeof error.problem?.line === 'number' ? error.problem.line : null;
  switch (error.code) {
    case 'bank-file-unknown-format':
      return { message: 'bank.error.unknownFormat' };
    case 'bank-file-malformed':
      return line ? { message: 'bank.error.malformedLine', values: { line }, showDetail: true } : { message: 'bank.error.malformed', showDetail: true };
    case 'bank-file-future-date':
      return { message: 'bank.error.futureDate', values: { line: line ?? '?' } };
    case 'bank-file-no-payments':
      return { message: 'bank.error.noPayments' };
    case 'bank-file-already-imported':
      return { message: 'bank.error.alreadyImported' };
    case 'bank-entry-booked-meanwhile':
      return { message: 'bank.error.bookedMeanwhile' };
    case 'validation':
      return { message: 'bank.error.file' };
    default:
      return null;
  }
}
