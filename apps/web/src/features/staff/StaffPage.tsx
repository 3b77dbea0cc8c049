// /t/:tenant/staff (owner): who works in the register, their role, and whether they can sign in.
import { useParams } from 'react-router';
import { useLocale } from '../../app/providers';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { type StaffMember, useStaff } from './queries';

export function StaffPage() {
  const t = useT();
  const { locale } = useLocale();
  const tenant = useParams().tenant!;
  const staff = useStaff(tenant);
  return (
    <>
      <PageHeader title={t('staff.title')} subtitle={t('staff.subtitle')} />
      {staff.isPending && <Loading />}
      {staff.error && <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />}
      {staff.data && (
        <DataTable<StaffMember>
          caption={t('staff.title')}
          rows={staff.data}
          rowKey={(m) => m.id}
          columns={[
            { key: 'name', header: t('staff.column.name'), cell: (m) => m.name },
            { key: 'email', header: t('staff.column.email'), cell: (m) => m.email, breakAnywhere: true },
            { key: 'role', header: t('staff.column.role'), cell: (m) => t(m.role === 'owner' ? 'role.owner' : 'role.staff') },
            { key: 'status', header: t('staff.column.status'), cell: (m) => t(m.active ? 'staff.active' : 'staff.disabled'), secondary: true },
            { key: 'login', header: t('staff.column.lastLogin'), cell: (m) => (m.lastLoginAt ? formatDateTime(m.lastLoginAt, locale) : t('staff.never')), secondary: true },
          ]}
        />
      )}
    </>
  );
}
