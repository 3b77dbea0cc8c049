// The customer portal's own shell (not the staff console's): skip link, the business's portal, the customer's
// three areas, language and sign-out; links to the privacy and accessibility statements at the foot.
import { useOutletContext, useParams } from 'react-router';
import { portalPaths } from '../../app/paths';
import { LanguageSwitch } from '../../app/shell/LanguageSwitch';
import { SessionGate, useLeaveAfterSignOut } from '../../app/shell/SessionGate';
import { ShellFrame, SignedInAs } from '../../app/shell/ShellFrame';
import { useT } from '../../i18n/use-t';
import { Link } from '../../ui/Link';
import { type PortalMe, usePortalMe, usePortalSignOut } from './queries';
import styles from './portal.module.css';

/** What the portal's pages get from the shell: everything held on the signed-in customer. */
export function usePortalContext(): PortalMe {
  return useOutletContext<PortalMe>();
}

export function PortalShell() {
  const t = useT();
  const tenant = useParams().tenant!;
  const me = usePortalMe(tenant);
  // A session for another business answers 404 here: sign in to this one, then come back.
  return (
    <SessionGate me={me} loadingLabel={t('portal.shell.loading')} signIn={(returnTo) => portalPaths.login(tenant, returnTo)} refusedAs="not-found">
      {(me) => <Shell tenant={tenant} me={me} />}
    </SessionGate>
  );
}

function Shell({ tenant, me }: { tenant: string; me: PortalMe }) {
  const t = useT();
  const signOut = usePortalSignOut(tenant, useLeaveAfterSignOut(portalPaths.login(tenant)));
  const name = [me.profile.billingFirstName, me.profile.billingLastName].filter(Boolean).join(' ') || me.profile.contactName || me.profile.companyName || me.profile.email || '';
  return (
    <ShellFrame
      home={portalPaths.home(tenant)}
      title={t('portal.shell.title')}
      subtitle={me.tenantName}
      tools={
        <>
          <LanguageSwitch />
          <SignedInAs name={name} role={t('portal.shell.customer')} signingOut={signOut.isPending} onSignOut={() => signOut.mutate()} />
        </>
      }
      nav={[
        { to: portalPaths.home(tenant), label: t('portal.nav.data'), end: true },
        { to: portalPaths.marketing(tenant), label: t('portal.nav.marketing') },
        { to: portalPaths.requests(tenant), label: t('portal.nav.requests') },
      ]}
      navListClassName={styles.navList}
      principal={me}
    >
      <footer className={styles.footer}>
        <Link href={portalPaths.privacy(tenant)}>{t('portal.footer.privacy')}</Link>
        <Link href={portalPaths.accessibility()}>{t('portal.footer.accessibility')}</Link>
      </footer>
    </ShellFrame>
  );
}
