// /platform/processing-record (platform admins): the platform's own record of processing activities as a
// processor for every business (GDPR Art. 30(2)), in Finnish or English; printable, and as the API's HTML page.
import { useState } from 'react';
import { useLocale } from '../../app/providers';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { RecordLanguage } from '../settings/RecordPage';
import { RecordView } from '../settings/RecordView';
import type { NoticeLanguage } from '../settings/queries';
import { usePlatformProcessingRecord } from './queries';
import { RoleGate } from './RoleGate';
import settingsStyles from '../settings/settings.module.css';

export function ProcessingRecordPage() {
  const t = useT();
  return (
    <RoleGate roles={['platform_admin']} title={t('record.platformTitle')}>
      <PlatformRecord />
    </RoleGate>
  );
}

function PlatformRecord() {
  const t = useT();
  const { locale } = useLocale();
  const [lang, setLang] = useState<NoticeLanguage>(locale === 'en' ? 'en' : 'fi');
  const record = usePlatformProcessingRecord(lang);
  return (
    <>
      <PageHeader title={t('record.platformTitle')} subtitle={t('record.platformSubtitle')} />
      <div className={settingsStyles.recordControls}>
        <RecordLanguage lang={lang} onChange={setLang} />
        <Button onPress={() => window.print()}>{t('record.print')}</Button>
        <a className={settingsStyles.external} href={`/api/platform/processing-record?lang=${lang}`} target="_blank" rel="noreferrer">
          {t('record.openHtml')}
        </a>
      </div>
      {record.isPending && <Loading />}
      {record.error && <ErrorState error={record.error} onRetry={() => void record.refetch()} />}
      {record.data && <RecordView record={record.data} />}
    </>
  );
}
