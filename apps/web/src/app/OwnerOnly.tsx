// The owner's areas: a member of staff who opens one (an old link, a typed address) is told in words that their
// role does not allow it, before any call is made. The navigation does not offer these areas to staff at all.
import { Outlet, useOutletContext } from 'react-router';
import type { Me } from '../features/auth/queries';
import { useT } from '../i18n/use-t';
import { Link } from '../ui/Link';
import { PageHeader } from '../ui/PageHeader';
import { paths } from './paths';

export function OwnerOnly() {
  const me = useOutletContext<Me>();
  const t = useT();
  if (me.role !== 'owner') {
    return (
      <>
        <PageHeader title={t('error.forbidden.title')} />
        <p>{t('ownerOnly.body')}</p>
        <p>
          <Link href={paths.home(me.tenantSlug)}>{t('ownerOnly.back')}</Link>
        </p>
      </>
    );
  }
  return <Outlet context={me} />;
}
