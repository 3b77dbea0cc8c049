// /platform/incidents (platform admins): the personal data breaches recorded, newest first, each with its status
// and the 72-hour clock for informing each affected controller, in words.
import { Fragment } from 'react';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { useIncidents } from './incident-queries';
import { clockWords, INCIDENT_STATUS } from './incident-words';
import { platformPaths } from './paths';
import { RoleGate } from './RoleGate';
import styles from './platform.module.css';

export function IncidentsPage() {
  const t = useT();
  return (
    <RoleGate roles={['platform_admin']} title={t('platform.incidents.title')}>
      <Incidents />
    </RoleGate>
  );
}

function Incidents() {
  const t = useT();
  const { locale } = useLocale();
  const when = (value: string) => formatDateTime(value, locale);
  const incidents = useIncidents();
  return (
    <>
      <PageHeader
        title={t('platform.incidents.title')}
        subtitle={t('platform.incidents.subtitle')}
        actions={
          <Link href={platformPaths.newIncident()} appearance="button-primary">
            {t('platform.incidents.new')}
          </Link>
        }
      />
      {incidents.isPending && <Loading />}
      {incidents.error && <ErrorState error={incidents.error} onRetry={() => void incidents.refetch()} />}
      {incidents.data && incidents.data.items.length === 0 && (
        <div className={styles.empty} role="status">
          <p>{t('platform.incidents.empty')}</p>
        </div>
      )}
      {incidents.data && incidents.data.items.length > 0 && (
        <ol className={styles.memberList}>
          {incidents.data.items.map((incident) => (
            <li key={incident.id} className={styles.card}>
              <h2 className={styles.memberName}>
                <Link href={platformPaths.incident(incident.id)}>{incident.title}</Link>
              </h2>
              <dl className={styles.dl}>
                <dt>{t('platform.incidents.status')}</dt>
                <dd>{t(INCIDENT_STATUS[incident.status] ?? 'incidents.status.open')}</dd>
                <dt>{t('incidents.discoveredAt')}</dt>
                <dd>{when(incident.discoveredAt)}</dd>
                {incident.tenants.map((tenant) => (
                  <Fragment key={tenant.tenantId}>
                    <dt>{t('platform.incidents.clockFor', { name: tenant.legalName })}</dt>
                    <dd>{clockWords(t, tenant.controller.clock, tenant.controller.informedAt, when)}</dd>
                  </Fragment>
                ))}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
