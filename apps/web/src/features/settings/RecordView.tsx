// A record of processing activities (the tenant's, Art. 30(1), or the platform's, Art. 30(2)) as a document:
// on screen a sheet, in print the page's only content.
import { NoticeDocument } from './NoticePreview';
import type { ProcessingRecord } from './queries';
import styles from './settings.module.css';

export function RecordView({ record }: { record: ProcessingRecord }) {
  return (
    <div className={styles.recordSheet} data-testid="processing-record">
      <NoticeDocument notice={record} kind="record" level={2} />
    </div>
  );
}
