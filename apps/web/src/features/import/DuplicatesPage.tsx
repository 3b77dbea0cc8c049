// /t/:tenant/customers/duplicates: customers that look like one (the same phone, names alike), and for the owner
// merging a pair: one record kept, the other's invoices, consents, requests and history moved to it. For good.
import { useId, useState } from 'react';
import { useOutletContext, useParams } from 'react-router';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { ApiError } from '../../api/problem';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import type { Me } from '../auth/queries';
import { type DuplicatePair, useDuplicates, useMergeCustomers } from './queries';
import styles from './import.module.css';

export function DuplicatesPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const me = useOutletContext<Me | undefined>();
  const duplicates = useDuplicates(tenant);
  const [merged, setMerged] = useState<{ keptId: string; name: string } | null>(null);

  return (
    <>
      <PageHeader title={t('duplicates.title')} subtitle={t('duplicates.subtitle')} actions={<Link href={paths.customers(tenant)}>{t('import.backToCustomers')}</Link>} />
      {merged && (
        <Notice tone="success" title={t('duplicates.merged', { name: merged.name })} actions={<Link href={paths.customer(tenant, merged.keptId)}>{t('duplicates.openKept')}</Link>} />
      )}
      {duplicates.isPending ? (
        <Loading />
      ) : duplicates.error ? (
        <ErrorState error={duplicates.error} onRetry={() => void duplicates.refetch()} />
      ) : duplicates.data.length === 0 ? (
        <Notice title={t('duplicates.none')} />
      ) : (
        duplicates.data.map((pair) => <PairCard key={`${pair.a.id}-${pair.b.id}`} pair={pair} canMerge={me?.role === 'owner'} onMerged={setMerged} />)
      )}
    </>
  );
}

function PairCard({ pair, canMerge, onMerged }: { pair: DuplicatePair; canMerge: boolean; onMerged: (m: { keptId: string; name: string }) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const tenant = useParams().tenant!;
  const merge = useMergeCustomers(tenant);
  const [open, setOpen] = useState(false);
  const [keep, setKeep] = useState<'a' | 'b'>('a');
  const id = useId();
  const reasons = pair.reasons.map((r) => t(r === 'phone' ? 'duplicates.reason.phone' : 'duplicates.reason.name')).join(', ');
  const kept = keep === 'a' ? pair.a : pair.b;
  const gone = keep === 'a' ? pair.b : pair.a;
  const stale = merge.error instanceof ApiError && merge.error.kind === 'conflict';

  return (
    <section className={styles.pair} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className={styles.pairTitle}>
        {t('duplicates.pair', { a: pair.a.name, b: pair.b.name })}
      </h2>
      <p>{t('duplicates.why', { reasons })}</p>
      <div className={styles.people}>
        {[pair.a, pair.b].map((c) => (
          <dl key={c.id} className={styles.person}>
            <dt>
              <Link href={paths.customer(tenant, c.id)}>{c.name}</Link>
            </dt>
            <dd>{c.email ?? '—'}</dd>
            <dd>{c.phone ?? '—'}</dd>
            {c.city && <dd>{c.city}</dd>}
            <dd>{t('duplicates.registered', { date: formatDate(c.createdAt, locale) })}</dd>
          </dl>
        ))}
      </div>
      {canMerge && !open && (
        <div className={styles.actions}>
          <Button onPress={() => setOpen(true)}>{t('duplicates.mergeStart')}</Button>
        </div>
      )}
      {canMerge && open && (
        <div>
          <fieldset className={styles.choices}>
            <legend>{t('duplicates.keepLegend')}</legend>
            {(['a', 'b'] as const).map((side) => (
              <label key={side} className={styles.choice}>
                <input type="radio" name={`${id}-keep`} value={side} checked={keep === side} onChange={() => setKeep(side)} />
                {t('duplicates.keep', { name: pair[side].name, email: pair[side].email ?? '—' })}
              </label>
            ))}
          </fieldset>
          <Notice tone="warning" title={t('duplicates.warning.title')} live={false}>
            {t('duplicates.warning.body', { gone: gone.name, kept: kept.name })}
          </Notice>
          {stale && <Notice tone="error" title={t('duplicates.stale')} />}
          {merge.error && !stale && <ErrorState error={merge.error} />}
          <div className={styles.actions}>
            <Button
              variant="danger"
              isPending={merge.isPending}
              onPress={() =>
                merge.mutate(
                  { keepId: kept.id, keepVersion: kept.version, mergeId: gone.id, mergeVersion: gone.version },
                  { onSuccess: (result) => onMerged({ keptId: result.keptId, name: kept.name }) },
                )
              }
            >
              {t('duplicates.mergeConfirm', { gone: gone.name, kept: kept.name })}
            </Button>
            <Button variant="quiet" onPress={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
