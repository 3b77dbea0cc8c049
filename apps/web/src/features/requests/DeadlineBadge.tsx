// How much time a request has left, in words ("3 päivää myöhässä"); the colour only helps.
import { useT } from '../../i18n/use-t';
import { type Deadline, urgencyOf } from './deadlines';
import { deadlineText, STATE_LABELS } from './labels';
import styles from './requests.module.css';

const TONES = { overdue: styles.overdue, dueSoon: styles.dueSoon, later: styles.later, closed: styles.closed };

export function DeadlineBadge({ request, now }: { request: Deadline; now: Date }) {
  const t = useT();
  const text = deadlineText(request, now);
  const tone = TONES[urgencyOf(request, now)];
  return <span className={`${styles.badge} ${tone}`}>{text ? t(text.id, text.values) : t(STATE_LABELS[request.state] ?? 'rights.state.completed')}</span>;
}
