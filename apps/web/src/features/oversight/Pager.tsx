// Paging of a keyset list: the next page by the API's cursor (in the URL), and back to the first.
import { useT } from '../../i18n/use-t';
import { Link } from '../../ui/Link';
import styles from './oversight.module.css';

export function Pager({ first, next, onFirstPage }: { first: string; next: string | null; onFirstPage: boolean }) {
  const t = useT();
  if (!next && onFirstPage) return null;
  return (
    <nav aria-label={t('oversight.pager.label')} className={styles.pager}>
      {!onFirstPage && <Link href={first}>{t('oversight.pager.first')}</Link>}
      {next && <Link href={next}>{t('oversight.pager.next')}</Link>}
    </nav>
  );
}
