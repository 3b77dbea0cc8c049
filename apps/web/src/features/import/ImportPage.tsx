// /t/:tenant/customers/import: bring customers in from a CSV file. Choose the file, say which column is which
// field (the mapping the tenant used last is suggested), look at what each row would do, then import.
import { useId, useState } from 'react';
import { useParams } from 'react-router';
import { paths } from '../../app/paths';
import { ApiError } from '../../api/problem';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import fieldStyles from '../../ui/TextField.module.css';
import formStyles from '../../ui/forms.module.css';
import { ACTION_LABELS, FIELD_LABELS, mappingErrorsByColumn, rowErrorMessage } from './import-fields';
import { type DuplicateMode, fileToBase64, type ImportFile, type Mapping, type PreviewRow, useCommitImport, useImportProgress, usePreviewImport, useUploadImport } from './queries';
import styles from './import.module.css';

export function ImportPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const upload = useUploadImport(tenant);
  const preview = usePreviewImport(tenant);
  const commit = useCommitImport(tenant);
  const [file, setFile] = useState<ImportFile | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [duplicates, setDuplicates] = useState<DuplicateMode>('skip');
  const [allOrNothing, setAllOrNothing] = useState(false);
  const progress = useImportProgress(tenant, file?.id, commit.isPending);
  const ids = { file: useId(), fileHelp: useId(), fileError: useId() };

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    preview.reset();
    commit.reset();
    setFile(null);
    upload.mutate(
      { fileName: chosen.name.slice(0, 200), content: await fileToBase64(chosen) },
      {
        onSuccess: (uploaded) => {
          setFile(uploaded);
          setMapping(uploaded.mapping);
        },
      },
    );
  };
  const options = { id: file?.id ?? '', mapping, duplicates };
  const change = (next: Partial<{ mapping: Mapping; duplicates: DuplicateMode }>) => {
    if (next.mapping) setMapping(next.mapping);
    if (next.duplicates) setDuplicates(next.duplicates);
    preview.reset();
  };
  const uploadProblem = upload.error instanceof ApiError && upload.error.kind === 'validation' ? upload.error.problem : null;
  const mappingProblem = preview.error instanceof ApiError && preview.error.kind === 'validation' ? mappingErrorsByColumn(preview.error.problem?.errors) : null;
  const commitProblem = commit.error instanceof ApiError && commit.error.status === 422 ? commit.error.problem : null;
  const toImport = preview.data ? preview.data.create + preview.data.update : 0;

  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} actions={<Link href={paths.customers(tenant)}>{t('import.backToCustomers')}</Link>} />
      <div className={formStyles.form}>
        <section className={formStyles.group} aria-labelledby={`${ids.file}-h`}>
          <h2 id={`${ids.file}-h`} className={formStyles.legend}>
            {t('import.step.file')}
          </h2>
          <div className={fieldStyles.field}>
            <label htmlFor={ids.file} className={fieldStyles.label}>
              {t('import.file.label')}
            </label>
            <input
              id={ids.file}
              type="file"
              accept=".csv,text/csv,text/plain"
              className={fieldStyles.input}
              aria-describedby={uploadProblem ? `${ids.fileHelp} ${ids.fileError}` : ids.fileHelp}
              aria-invalid={uploadProblem ? true : undefined}
              onChange={(e) => void choose(e.target.files?.[0])}
            />
            <span id={ids.fileHelp} className={fieldStyles.description}>
              {t('import.file.help')}
            </span>
            {uploadProblem && (
              <span id={ids.fileError} className={styles.fieldError}>
                {uploadProblem.type.endsWith('/import-file-unreadable')
                  ? t('import.file.unreadable', { line: String(uploadProblem.line ?? '?'), column: String(uploadProblem.column ?? '?'), reason: String(uploadProblem.detail ?? '').replace(/^line \d+(, column \d+)?: /, '') })
                  : `${uploadProblem.title}: ${uploadProblem.detail ?? ''}`}
              </span>
            )}
          </div>
          {upload.isPending && <p role="status">{t('import.file.reading')}</p>}
          {upload.error && !uploadProblem && <ErrorState error={upload.error} />}
          {file && (
            <p role="status" className={styles.fileSummary}>
              {t('import.file.summary', { name: file.fileName, rows: file.rowCount, encoding: file.encoding === 'windows-1252' ? 'Windows-1252' : 'UTF-8', separator: file.separator })}
            </p>
          )}
        </section>

        {file && (
          <section className={formStyles.group} aria-labelledby={`${ids.file}-m`}>
            <h2 id={`${ids.file}-m`} className={formStyles.legend}>
              {t('import.step.mapping')}
            </h2>
            <p className={fieldStyles.description}>{t('import.mapping.help')}</p>
            {mappingProblem && mappingProblem.general.length > 0 && <Notice tone="error" title={t('import.mapping.invalid')}>{mappingProblem.general.join(' ')}</Notice>}
            <div className={formStyles.grid}>
              {file.header.map((column, index) => (
                <ColumnChoice
                  key={column}
                  column={column}
                  sample={file.sample[0]?.[index]}
                  value={mapping[column] ?? ''}
                  fields={file.fields}
                  errors={mappingProblem?.byColumn.get(column)}
                  onChange={(field) => change({ mapping: { ...mapping, [column]: field || null } })}
                />
              ))}
            </div>
            <fieldset className={styles.choices}>
              <legend className={fieldStyles.label}>{t('import.duplicates.legend')}</legend>
              {(['skip', 'update'] as const).map((mode) => (
                <label key={mode} className={styles.choice}>
                  <input type="radio" name="duplicates" value={mode} checked={duplicates === mode} onChange={() => change({ duplicates: mode })} />
                  {t(mode === 'skip' ? 'import.duplicates.skip' : 'import.duplicates.update')}
                </label>
              ))}
            </fieldset>
            <label className={styles.choice}>
              <input type="checkbox" checked={allOrNothing} onChange={(e) => setAllOrNothing(e.target.checked)} />
              {t('import.allOrNothing')}
            </label>
            <div className={styles.actions}>
              <Button variant="primary" isPending={preview.isPending} onPress={() => preview.mutate(options)}>
                {t('import.preview')}
              </Button>
            </div>
            {preview.error && !mappingProblem && <ErrorState error={preview.error} onRetry={() => preview.mutate(options)} />}
          </section>
        )}

        {file && preview.data && (
          <section className={formStyles.group} aria-labelledby={`${ids.file}-p`}>
            <h2 id={`${ids.file}-p`} className={formStyles.legend}>
              {t('import.step.preview')}
            </h2>
            <dl className={styles.counts}>
              {(['create', 'update', 'skip', 'error'] as const).map((action) => (
                <div key={action}>
                  <dt>{t(ACTION_LABELS[action])}</dt>
                  <dd>{preview.data[action]}</dd>
                </div>
              ))}
            </dl>
            <PreviewTable rows={preview.data.rows} />
            {allOrNothing && preview.data.error > 0 && <Notice tone="warning" title={t('import.allOrNothing.blocked', { count: preview.data.error })} />}
            {commitProblem && (
              <Notice tone="error" title={commitProblem.title}>
                {commitProblem.detail}
              </Notice>
            )}
            {commit.error && !commitProblem && <ErrorState error={commit.error} />}
            {commit.isPending && (
              <div className={fieldStyles.field}>
                <label htmlFor={`${ids.file}-progress`} className={fieldStyles.label}>
                  {t('import.progress', { done: progress.data?.processed ?? 0, total: toImport })}
                </label>
                <progress id={`${ids.file}-progress`} max={Math.max(toImport, 1)} value={progress.data?.processed ?? 0} />
              </div>
            )}
            {commit.data ? (
              <Notice tone="success" title={t('import.done', { created: commit.data.created, updated: commit.data.updated, skipped: commit.data.skipped, failed: commit.data.failed })} actions={<Link href={paths.customers(tenant)}>{t('import.seeCustomers')}</Link>}>
                {commit.data.consents > 0 && t('import.done.consents', { count: commit.data.consents })}
              </Notice>
            ) : (
              <div className={styles.actions}>
                <Button variant="primary" isPending={commit.isPending} isDisabled={toImport === 0 || (allOrNothing && preview.data.error > 0)} onPress={() => commit.mutate({ ...options, allOrNothing })}>
                  {t('import.commit', { count: toImport })}
                </Button>
              </div>
            )}
          </section>
        )}
      </div>
    </>
  );
}

function ColumnChoice(props: { column: string; sample?: string; value: string; fields: string[]; errors?: string[]; onChange: (field: string) => void }) {
  const t = useT();
  const id = useId();
  return (
    <div className={fieldStyles.field}>
      <label htmlFor={id} className={fieldStyles.label}>
        {t('import.mapping.column', { column: props.column })}
      </label>
      <select
        id={id}
        className={fieldStyles.input}
        value={props.value}
        aria-describedby={`${id}-sample${props.errors ? ` ${id}-error` : ''}`}
        aria-invalid={props.errors ? true : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{t('import.mapping.ignore')}</option>
        {props.fields.map((field) => (
          <option key={field} value={field}>
            {t(FIELD_LABELS[field])}
          </option>
        ))}
      </select>
      <span id={`${id}-sample`} className={fieldStyles.description}>
        {props.sample ? t('import.mapping.sample', { value: props.sample }) : t('import.mapping.noSample')}
      </span>
      {props.errors && (
        <span id={`${id}-error`} className={styles.fieldError}>
          {props.errors.join(' ')}
        </span>
      )}
    </div>
  );
}

function PreviewTable({ rows }: { rows: PreviewRow[] }) {
  const t = useT();
  const label = (field: string) => (FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field);
  return (
    <DataTable
      caption={t('import.preview.caption')}
      rows={rows}
      rowKey={(row) => String(row.line)}
      columns={[
        { key: 'line', header: t('import.preview.line'), cell: (row) => row.line, numeric: true },
        { key: 'action', header: t('import.preview.action'), cell: (row) => <span className={styles[`action_${row.action}`]}>{t(ACTION_LABELS[row.action])}</span> },
        { key: 'who', header: t('import.preview.who'), cell: (row) => [row.values.companyName, row.values.contactName, [row.values.billingFirstName, row.values.billingLastName].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—' },
        { key: 'email', header: t('customer.field.email'), cell: (row) => row.values.email ?? '—', breakAnywhere: true, secondary: true },
        {
          key: 'notes',
          header: t('import.preview.notes'),
          cell: (row) => (
            <ul className={styles.notes}>
              {row.errors.map((error) => (
                <li key={error.field + error.message} className={styles.fieldError}>
                  {label(error.field)}: {(() => {
                    const id = rowErrorMessage(error);
                    return id ? t(id) : error.message;
                  })()}
                </li>
              ))}
              {row.duplicateOf && (
                <li>
                  {row.duplicateOf.line
                    ? t('import.preview.duplicateOfLine', { by: label(row.duplicateOf.by), line: row.duplicateOf.line })
                    : t('import.preview.duplicateOfCustomer', { by: label(row.duplicateOf.by) })}
                </li>
              )}
            </ul>
          ),
        },
      ]}
    />
  );
}
