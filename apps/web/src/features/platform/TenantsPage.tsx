// /platform/tenants: the businesses on the platform, by slug; search by name, slug or business ID, filter by
// status. The search and the filter live in the URL.
import { Button as AriaButton, Input, Label, Radio, RadioGroup, SearchField, Text } from 'react-aria-components';
import { useSearchParams } from 'react-router';
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { useSearchAsYouType } from '../../ui/use-search-as-you-type';
import { platformPaths } from './paths';
import { type Tenant, TENANT_PAGE, useTenants } from './queries';
import { RoleGate } from './RoleGate';
import { TenantStatusBadge } from './TenantStatus';
import styles from './platform.module.css';

const STATUSES = ['', 'active', 'suspended'] as const;

export function TenantsPage() {
  const t = useT();
  return (
    <RoleGate roles={['platform_admin']} title={t('platform.tenants.title')}>
      <Tenants />
    </RoleGate>
  );
}

function Tenants() {
  const t = useT();
  const { locale } = useLocale();
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const statusParam = search.get('status') ?? '';
  const status = (STATUSES as readonly string[]).includes(statusParam) ? statusParam : '';
  const tenants = useTenants({ q, status });
  const update = (next: { q?: string; status?: string }) => {
    const merged = { q, status, ...next };
    const params: Record<string, string> = {};
    if (merged.q) params.q = merged.q;
    if (merged.status) params.status = merged.status;
    setSearch(params, { replace: true });
  };

  const columns: Column<Tenant>[] = [
    { key: 'name', header: t('platform.tenants.column.name'), cell: (x) => <Link href={platformPaths.tenant(x.slug)}>{x.legalName}</Link> },
    { key: 'businessId', header: t('platform.tenants.column.businessId'), cell: (x) => x.businessId },
    { key: 'status', header: t('platform.tenants.column.status'), cell: (x) => <TenantStatusBadge status={x.status} /> },
    { key: 'slug', header: t('platform.tenants.column.slug'), cell: (x) => <span className={styles.mono}>{x.slug}</span>, secondary: true },
    { key: 'city', header: t('platform.tenants.column.city'), cell: (x) => x.city, secondary: true },
    { key: 'created', header: t('platform.tenants.column.created'), cell: (x) => formatDate(x.createdAt, locale), secondary: true },
  ];

  return (
    <>
      <PageHeader
        title={t('platform.tenants.title')}
        actions={
          <Link href={platformPaths.newTenant()} appearance="button-primary">
            {t('platform.tenants.new')}
          </Link>
        }
      />
      <div className={styles.filters}>
        <TenantSearch value={q} onSearch={(value) => update({ q: value })} />
        <RadioGroup className={styles.kind} value={status} onChange={(value) => update({ status: value })} orientation="horizontal">
          <Label className={styles.kindLabel}>{t('platform.tenants.status.label')}</Label>
          <div className={styles.kindOptions}>
            <Radio value="" className={styles.radio}>
              {t('platform.tenants.status.all')}
            </Radio>
            <Radio value="active" className={styles.radio}>
              {t('platform.tenant.status.active')}
            </Radio>
            <Radio value="suspended" className={styles.radio}>
              {t('platform.tenant.status.suspended')}
            </Radio>
            <Radio value="left" className={styles.radio}>
              {t('platform.tenant.status.left')}
            </Radio>
          </div>
        </RadioGroup>
      </div>
      {tenants.isPending && <Loading label={t('platform.tenants.loading')} />}
      {tenants.error && <ErrorState error={tenants.error} onRetry={() => void tenants.refetch()} />}
      {tenants.data && !tenants.error && (
        tenants.data.length === 0 ? (
          <div className={styles.empty} role="status">
            <p>{q || status ? t('platform.tenants.noMatches') : t('platform.tenants.empty')}</p>
          </div>
        ) : (
          <>
            <p className={styles.summary} role="status">
              {t('platform.tenants.count', { count: tenants.data.length })}
            </p>
            <DataTable caption={t('platform.tenants.title')} columns={columns} rows={tenants.data} rowKey={(x) => x.id} busy={tenants.isPlaceholderData} />
            {tenants.data.length >= TENANT_PAGE && <Notice tone="info">{t('platform.tenants.more', { count: TENANT_PAGE })}</Notice>}
          </>
        )
      )}
    </>
  );
}

function TenantSearch({ value, onSearch }: { value: string; onSearch: (value: string) => void }) {
  const t = useT();
  const { text, setText, submit } = useSearchAsYouType(value, onSearch);
  return (
    <search className={styles.search}>
      <SearchField value={text} onChange={setText} onSubmit={submit} className={styles.searchField}>
        <Label className={styles.searchLabel}>{t('platform.tenants.search.label')}</Label>
        <div className={styles.searchBox}>
          <Input className={styles.searchInput} />
          {text && (
            <AriaButton className={styles.clear} aria-label={t('platform.tenants.search.clear')}>
              ×
            </AriaButton>
          )}
        </div>
        <Text slot="description" className={styles.searchHelp}>
          {t('platform.tenants.search.help')}
        </Text>
      </SearchField>
    </search>
  );
}
