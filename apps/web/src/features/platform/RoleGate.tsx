// A page only some platform roles may open: the others are told so in words (the navigation hides it from them).
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import type { PlatformRole } from './queries';
import { usePlatformPrincipal } from './PlatformShell';

export function RoleGate({ roles, title, children }: { roles: readonly PlatformRole[]; title: string; children: ReactNode }) {
  const t = useT();
  const me = usePlatformPrincipal();
  if (roles.some((role) => me.roles.includes(role))) return <>{children}</>;
  return (
    <>
      <PageHeader title={title} />
      <Notice tone="info" title={t('platform.forbidden.title')}>
        <p>{t('platform.forbidden.body')}</p>
      </Notice>
    </>
  );
}
