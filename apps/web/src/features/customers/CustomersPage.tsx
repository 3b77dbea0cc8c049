// /t/:tenant/customers: the register, 50 to a page, newest first or sorted by a column header (the server sorts);
// the search, the order and the page live in the URL.
import { useEffect, useRef } from 'react';
import { Button as AriaButton, Input, Label, SearchField, Text } from 'react-aria-components';
import { useLocation, useNavigate, useOutletContext, useParams, useSearchParams } from 'react-router';
import { paths } from '../../app/paths';
import type { Me } from '../auth/queries';
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { useSearchAsYouType } from '../../ui/use-search-as-you-type';
import { displayName, kindOf } from './customer-fields';
import { listSearchFrom, nextSort, tableSort } from './customer-sort';
import { type Customer, type CustomerSort, useCustomers } from './queries';
import styles from './customers.module.css';

/** Earlier pages' cursors ride in the history entry, so "previous" works without the server counting. */
interface PagerState {
  previous?: string[];
}

export function CustomersPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const [search, setSearch] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { q, cursor, sort } = listSearchFrom(search);
  const customers = useCustomers(tenant, { q, cursor, sort });
  const previous = (location.state as PagerState | null)?.previous ?? [];
  const me = useOutletContext<Me | undefined>();

  const goTo = (nextCursor: string | undefined, stack: string[]) =>
    void navigate(paths.customers(tenant, { q, sort, cursor: nextCursor }), { state: { previous: stack } satisfies PagerState });

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        actions={
          <>
            {/* Owners only (the API refuses staff); a download, not a page: the browser saves the file. */}
            {me?.role === 'owner' && (
              <Link href={paths.customersExport(tenant)} download appearance="button-secondary" aria-describedby="customers-export-help">
                {t('customers.export')}
              </Link>
            )}
            <Link href={paths.customerImport(tenant)} appearance="button-secondary">
              {t('customers.import')}
            </Link>
            <Link href={paths.customerDuplicates(tenant)} appearance="button-secondary">
              {t('customers.duplicates')}
            </Link>
            <Link href={paths.newCustomer(tenant)} appearance="button-primary">
              {t('customers.new')}
            </Link>
          </>
        }
        subtitle={me?.role === 'owner' ? <span id="customers-export-help">{t('customers.export.help')}</span> : undefined}
      />
      <div className={styles.toolbar}>
        <CustomerSearch value={q} onSearch={(value) => setSearch(new URLSearchParams(paths.customers(tenant, { q: value, sort }).split('?')[1] ?? ''), { replace: true })} />
      </div>
      {customers.isPending && <Loading label={t('customers.loading')} />}
      {customers.error && <ErrorState error={customers.error} onRetry={() => void customers.refetch()} />}
      {customers.data && !customers.error && (
        <CustomerResults
          tenant={tenant}
          rows={customers.data.items}
          q={q}
          busy={customers.isPlaceholderData}
          sort={sort}
          onSort={(next) => void navigate(paths.customers(tenant, { q, sort: next }))}
          pager={
            <nav className={styles.pager} aria-label={t('customers.pages')}>
              <span>
                {cursor && previous.length > 0 && (
                  <Link appearance="button-secondary" onPress={() => goTo(previous.at(-1) || undefined, previous.slice(0, -1))}>
                    {t('customers.previousPage')}
                  </Link>
                )}
                {cursor && previous.length === 0 && (
                  <Link appearance="button-secondary" href={paths.customers(tenant, { q, sort })}>
                    {t('customers.firstPage')}
                  </Link>
                )}
              </span>
              {customers.data.nextCursor && (
                <Link appearance="button-secondary" onPress={() => goTo(customers.data.nextCursor!, [...previous, cursor ?? ''])}>
                  {t('customers.nextPage')}
                </Link>
              )}
            </nav>
          }
        />
      )}
    </>
  );
}

function CustomerSearch({ value, onSearch }: { value: string; onSearch: (value: string) => void }) {
  const t = useT();
  const { text, setText, submit } = useSearchAsYouType(value, onSearch);
  const input = useRef<HTMLInputElement>(null);
  // "/" jumps to the search from anywhere on the page that is not a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <search className={styles.search}>
      <SearchField value={text} onChange={setText} onSubmit={submit} className={styles.searchField}>
        <Label className={styles.searchLabel}>{t('customers.search.label')}</Label>
        <div className={styles.searchBox}>
          <Input ref={input} className={styles.searchInput} />
          {text && (
            <AriaButton className={styles.clear} aria-label={t('customers.search.clear')}>
              ×
            </AriaButton>
          )}
        </div>
        <Text slot="description" className={styles.searchHelp}>
          {t('customers.search.help')}
        </Text>
      </SearchField>
    </search>
  );
}

function CustomerResults(props: { tenant: string; rows: Customer[]; q: string; busy: boolean; sort: CustomerSort; onSort: (sort: CustomerSort) => void; pager: React.ReactNode }) {
  const t = useT();
  const { locale } = useLocale();
  const { tenant, rows, q } = props;
  if (rows.length === 0) {
    return (
      <div className={styles.empty} role="status">
        <p>{q ? t('customers.noMatches', { q }) : t('customers.empty')}</p>
        {!q && (
          <Link href={paths.newCustomer(tenant)} appearance="button-primary">
            {t('customers.new')}
          </Link>
        )}
      </div>
    );
  }
  const columns: Column<Customer>[] = [
    {
      key: 'name',
      sortable: true,
      header: t('customers.column.name'),
      cell: (c) => (
        <>
          <Link href={paths.customer(tenant, c.id)}>{displayName(c) || t('customer.unnamed')}</Link>
          {kindOf(c) === 'company' && (
            <>
              {' '}
              <span className={styles.badge}>{t('customer.kind.company')}</span>
            </>
          )}
          {c.restriction && (
            <>
              {' '}
              <span className={styles.restrictedBadge}>{t('customer.restriction.badge')}</span>
            </>
          )}
        </>
      ),
    },
    { key: 'email', header: t('customers.column.email'), cell: (c) => c.email ?? '', breakAnywhere: true },
    { key: 'phone', header: t('customers.column.phone'), cell: (c) => c.phone ?? '', secondary: true },
    { key: 'city', header: t('customers.column.city'), cell: (c) => c.city ?? '', secondary: true },
    { key: 'created', sortable: true, header: t('customers.column.created'), cell: (c) => formatDate(c.createdAt, locale), secondary: true },
    { key: 'updated', sortable: true, header: t('sortcust.column.updated'), cell: (c) => formatDate(c.updatedAt, locale), secondary: true },
  ];
  return (
    <>
      <p className={styles.summary} role="status">
        {q ? t('customers.countMatching', { count: rows.length, q }) : t('customers.count', { count: rows.length })}
      </p>
      <DataTable
        caption={t('sortcust.caption', { order: t(`sortcust.order.${props.sort}` as MessageId) })}
        columns={columns}
        rows={rows}
        rowKey={(c) => c.id}
        busy={props.busy}
        sort={tableSort(props.sort)}
        onSort={(column) => props.onSort(nextSort(props.sort, column))}
      />
      {props.pager}
    </>
  );
}
