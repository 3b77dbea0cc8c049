// /t/:tenant/settings/record (owner): the record of processing activities (GDPR Art. 30(1)) generated from the
// register settings, in Finnish or English, for any saved version of the settings; printable (print CSS leaves
// the document alone) and as the API's own HTML page.
import { useId, useState } from 'react';
import { useParams } from 'react-router';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { RecordView } from './RecordView';
import { type NoticeLanguage, useProcessingRecord, useSettingsVersions } from './queries';
import styles from './settings.module.css';

export function RecordPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const { locale } = useLocale();
  const [lang, setLang] = useState<NoticeLanguage>(locale === 'en' ? 'en' : 'fi');
  const [version, setVersion] = useState<number | undefined>(undefined);
  const versions = useSettingsVersions(tenant);
  const record = useProcessingRecord(tenant, lang, version);
  const versionId = useId();
  const query = new URLSearchParams({ lang, ...(version ? { version: String(version) } : {}) }).toString();
  return (
    <>
      <PageHeader title={t('record.title')} subtitle={t('record.subtitle')} />
      <div className={styles.recordControls}>
        <Link href={paths.settings(tenant)}>{t('record.back')}</Link>
        {versions.data && (
          <div className={styles.field}>
            <label htmlFor={versionId} className={styles.label}>
              {t('record.version')}
            </label>
            <select id={versionId} className={styles.select} value={version ?? ''} onChange={(event) => setVersion(event.target.value ? Number(event.target.value) : undefined)}>
              {versions.data.map((v, index) => (
                <option key={v.noticeVersion} value={index === 0 ? '' : v.noticeVersion}>
                  {t('record.versionOption', { version: v.noticeVersion, date: formatDateTime(v.recordedAt, locale) })}
                  {index === 0 ? ` (${t('record.current')})` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        <RecordLanguage lang={lang} onChange={setLang} />
        <Button onPress={() => window.print()}>{t('record.print')}</Button>
        <a className={styles.external} href={`/api/t/${tenant}/register/record?${query}`} target="_blank" rel="noreferrer">
          {t('record.openHtml')}
        </a>
      </div>
      {versions.error && <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />}
      {record.isPending && <Loading />}
      {record.error && <ErrorState error={record.error} onRetry={() => void record.refetch()} />}
      {record.data && <RecordView record={record.data} />}
    </>
  );
}

/** Finnish or English: two radio buttons (the record's language, not the console's). */
export function RecordLanguage({ lang, onChange }: { lang: NoticeLanguage; onChange: (lang: NoticeLanguage) => void }) {
  const t = useT();
  const name = useId();
  return (
    <fieldset className={styles.recordLanguage}>
      <legend className={styles.label}>{t('record.language')}</legend>
      {(['fi', 'en'] as const).map((l) => (
        <label key={l} className={styles.radio}>
          <input type="radio" name={name} value={l} checked={lang === l} onChange={() => onChange(l)} /> {t(l === 'fi' ? 'settings.preview.fi' : 'settings.preview.en')}
        </label>
      ))}
    </fieldset>
  );
}
