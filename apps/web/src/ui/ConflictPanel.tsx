// After a 409 (someone else saved the record while this user edited it): what the other person changed, and the
// fields both changed, each with a button to take back the user's own value. The merge itself: mergeFields in
// features/customers/conflict.ts. Each form names its texts (its record's words) and its fields' labels.
import { type MessageId, useT } from '../i18n/use-t';
import { Button } from './Button';
import { Notice } from './Notice';
import styles from './details.module.css';

export interface ConflictTexts {
  title: MessageId;
  body: MessageId;
  bodyClash: MessageId;
  theirChanges: MessageId;
  /** A line before the clashes, if the form has one. */
  clashes?: MessageId;
  /** `{value}`: the user's own value. */
  yours: MessageId;
  /** `{field}`: the field's label. */
  useMine: MessageId;
  /** An empty value. */
  none: MessageId;
}

export interface ConflictPanelProps<F extends string> {
  merge: { theirChanges: { field: F; before: string; after: string }[]; clashes: { field: F; mine: string }[] };
  texts: ConflictTexts;
  labels: Record<F, MessageId>;
  onUseMine: (field: F, value: string) => void;
}

export function ConflictPanel<F extends string>({ merge, texts, labels, onUseMine }: ConflictPanelProps<F>) {
  const t = useT();
  const shown = (value: string) => value || t(texts.none);
  const clashes = merge.clashes.length > 0 && (
    <ul className={styles.changes}>
      {merge.clashes.map((clash) => (
        <li key={clash.field}>
          <strong>{t(labels[clash.field])}:</strong> {t(texts.yours, { value: shown(clash.mine) })}{' '}
          <Button variant="quiet" onPress={() => onUseMine(clash.field, clash.mine)}>
            {t(texts.useMine, { field: t(labels[clash.field]) })}
          </Button>
        </li>
      ))}
    </ul>
  );
  return (
    <Notice tone="warning" title={t(texts.title)}>
      <p>{t(merge.clashes.length ? texts.bodyClash : texts.body)}</p>
      {merge.theirChanges.length > 0 && (
        <>
          <p>{t(texts.theirChanges)}</p>
          <ul className={styles.changes}>
            {merge.theirChanges.map((change) => (
              <li key={change.field}>
                <strong>{t(labels[change.field])}:</strong> <span className={styles.old}>{shown(change.before)}</span> → {shown(change.after)}
              </li>
            ))}
          </ul>
        </>
      )}
      {clashes && texts.clashes ? (
        <>
          <p>{t(texts.clashes)}</p>
          {clashes}
        </>
      ) : (
        clashes
      )}
    </Notice>
  );
}
