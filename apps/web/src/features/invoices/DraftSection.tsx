// A saved draft on its page: edit and save it (under its version), then issue it. Issuing saves unsaved edits
// first and asks once before numbering, because an issued invoice can no longer change.
import { useState } from 'react';
import { ApiError } from '../../api/problem';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { byLineKey, draftErrorsFrom, type DraftValues, hasShownErrors, NO_SHOWN_ERRORS, type ShownErrors, toDraftBody, valuesOf } from './draft';
import { DraftEditor } from './DraftEditor';
import { type Invoice, useFetchLatestInvoice, useIssueInvoice, useUpdateDraft, useVatRates, type VatRate } from './queries';

export function DraftSection({ tenant, invoice, onIssued }: { tenant: string; invoice: Invoice; onIssued: () => void }) {
  const rates = useVatRates(tenant);
  if (rates.isPending) return <Loading />;
  if (rates.error) return <ErrorState error={rates.error} onRetry={() => void rates.refetch()} />;
  return <DraftForm tenant={tenant} invoice={invoice} rates={rates.data.rates} onIssued={onIssued} key={invoice.id} />;
}

type Phase = 'editing' | 'confirming';

function DraftForm({ tenant, invoice, rates, onIssued }: { tenant: string; invoice: Invoice; rates: VatRate[]; onIssued: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const update = useUpdateDraft(tenant, invoice.id);
  const issue = useIssueInvoice(tenant, invoice.id);
  const fetchLatest = useFetchLatestInvoice(tenant, invoice.id);
  const [values, setValues] = useState<DraftValues>(() => valuesOf(invoice, locale));
  const [version, setVersion] = useState(invoice.version);
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  const [phase, setPhase] = useState<Phase>('editing');
  const [errors, setErrors] = useState<ShownErrors>(NO_SHOWN_ERRORS);
  const [latestError, setLatestError] = useState<unknown>(null);

  const stale = update.error instanceof ApiError && update.error.code === 'stale-version';
  const failure = issue.error ?? update.error;
  const incomplete = issue.error instanceof ApiError && issue.error.code === 'customer-incomplete';

  const change = (next: DraftValues) => {
    setValues(next);
    setDirty(true);
    setSaved(false);
  };

  /** Saves the edits on top of `base` (the version last read); resolves true when saved. */
  const save = async (base = version): Promise<boolean> => {
    const result = toDraftBody(values);
    if (!result.body) {
      setErrors(byLineKey(result.errors, values.lines));
      return false;
    }
    setErrors(NO_SHOWN_ERRORS);
    const sent = values.lines;
    try {
      const changed = await update.mutateAsync({ ...result.body, version: base });
      setVersion(changed.version);
      setDirty(false);
      return true;
    } catch (error) {
      setErrors(byLineKey(draftErrorsFrom(error), sent));
      return false;
    }
  };

  const onSave = async (base = version) => {
    issue.reset();
    setPhase('editing');
    if (await save(base)) setSaved(true);
  };

  const onIssue = async () => {
    issue.reset();
    if (dirty && !(await save())) return setPhase('editing');
    const sent = values.lines;
    issue.mutate(undefined, {
      onSuccess: onIssued,
      onError: (error) => {
        setPhase('editing');
        setErrors(byLineKey(draftErrorsFrom(error), sent));
      },
    });
  };

  /** After a conflict: the other person's draft replaces this one's edits, or this one's are saved over it. */
  const resolve = async (keepMine: boolean) => {
    setLatestError(null);
    try {
      const latest = await fetchLatest();
      setVersion(latest.version);
      update.reset();
      if (keepMine) return await onSave(latest.version);
      setValues(valuesOf(latest, locale));
      setDirty(false);
    } catch (error) {
      setLatestError(error);
    }
  };

  const fieldProblem = hasShownErrors(errors);
  return (
    <DraftEditor
      tenant={tenant}
      values={values}
      onChange={change}
      rates={rates}
      errors={errors}
      onSubmit={() => void onSave()}
      before={
        <>
          {saved && !dirty && <Notice tone="success">{t('invoices.draft.saved')}</Notice>}
          {stale && (
            <Notice
              tone="warning"
              title={t('invoices.draft.conflict.title')}
              actions={
                <>
                  <Button onPress={() => void resolve(false)}>{t('invoices.draft.conflict.showLatest')}</Button>
                  <Button onPress={() => void resolve(true)}>{t('invoices.draft.conflict.keepMine')}</Button>
                </>
              }
            >
              <p>{t('invoices.draft.conflict.body')}</p>
            </Notice>
          )}
          {latestError !== null && <ErrorState error={latestError} />}
          {incomplete && invoice.customerId && (
            <Notice tone="error" title={t('invoices.issue.incomplete.title')}>
              <p>{t('invoices.issue.incomplete.body')}</p>
              <p>
                <Link href={paths.customer(tenant, invoice.customerId)}>{t('invoices.issue.incomplete.link')}</Link>
              </p>
            </Notice>
          )}
          {fieldProblem && <Notice tone="error" title={t('invoices.error.checkFields')} />}
          {failure && !stale && !incomplete && !fieldProblem && <ErrorState error={failure} />}
        </>
      }
      actions={
        phase === 'confirming' ? (
          <Notice
            tone="info"
            title={t('invoices.issue.confirm.title')}
            actions={
              <>
                <Button variant="primary" isPending={issue.isPending || update.isPending} onPress={() => void onIssue()} autoFocus>
                  {t('invoices.issue.confirm.yes')}
                </Button>
                <Button variant="quiet" onPress={() => setPhase('editing')}>
                  {t('common.cancel')}
                </Button>
              </>
            }
          >
            <p>{t('invoices.issue.confirm.body', { days: values.paymentTermDays })}</p>
            {dirty && <p>{t('invoices.issue.confirm.unsaved')}</p>}
          </Notice>
        ) : (
          <>
            <Button variant="primary" onPress={() => setPhase('confirming')}>
              {t('invoices.issue.start')}
            </Button>
            <Button type="submit" isPending={update.isPending}>
              {t('invoices.draft.save')}
            </Button>
          </>
        )
      }
    />
  );
}
