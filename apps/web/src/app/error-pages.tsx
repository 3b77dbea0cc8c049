// Pages for what went wrong outside a page's own data: an unknown address, or a page that failed to load or render.
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useT } from '../i18n/use-t';
import { Button } from '../ui/Button';
import { PageHeader } from '../ui/PageHeader';
import { StandalonePage } from './shell/StandalonePage';

/** An unknown address inside the signed-in console: said within the shell, its navigation still there. */
export function NotFoundInShell() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <p>{t('notFound.body')}</p>
    </>
  );
}

export function NotFoundPage() {
  const t = useT();
  return (
    <StandalonePage>
      <PageHeader title={t('notFound.title')} />
      <p>{t('notFound.body')}</p>
    </StandalonePage>
  );
}

/** A page's code that did not arrive (a lost connection, a new release) or a page that threw while rendering. */
export function RouteErrorPage() {
  const t = useT();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const loadFailed = error instanceof TypeError && /dynamically imported module|Importing a module script failed|fetch/i.test(error.message);
  return (
    <StandalonePage>
      <PageHeader title={t(loadFailed ? 'error.network.title' : 'error.unexpected.title')} />
      <p>{t(loadFailed ? 'error.pageLoad.body' : 'error.unexpected.body')}</p>
      <Button variant="primary" onPress={() => window.location.reload()}>
        {t('common.reload')}
      </Button>
    </StandalonePage>
  );
}
