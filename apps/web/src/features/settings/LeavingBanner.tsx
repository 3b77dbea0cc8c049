// The banner every member of staff sees while the business's request to leave the platform is pending: the
// register works as before until the date, then it is deleted.
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Notice } from '../../ui/Notice';
import { useLeaveStatus } from './leave-queries';

export function LeavingBanner({ tenant }: { tenant: string }) {
  const t = useT();
  const { locale } = useLocale();
  const status = useLeaveStatus(tenant);
  if (!status.data?.leaveAfter) return null;
  // Not live: it is there on every page, and would otherwise be read out on each.
  return (
    <Notice tone="warning" live={false}>
      {t('leave.banner', { date: formatDate(status.data.leaveAfter, locale) })}
    </Notice>
  );
}
