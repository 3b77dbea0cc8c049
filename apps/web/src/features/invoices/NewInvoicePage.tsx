// /t/:tenant/customers/:id/invoices/new: a new invoice for a customer, saved as a draft to check and issue.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { paths } from '../../app/paths';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { displayName } from '../customers/customer-fields';
import { useCustomer } from '../customers/queries';
import { byLineKey, draftErrorsFrom, type DraftValues, emptyLine, hasShownErrors, NO_SHOWN_ERRORS, type ShownErrors, toDraftBody } from './draft';
import { DraftEditor } from './DraftEditor';
import { useCreateDraft, useVatRates, type VatRate } from './queries';
import styles from './invoices.module.css';

export function NewInvoicePage() {
  const t = useT();
  const { tenant, id: customerId } = useParams() as { tenant: string; id: string };
  const customer = useCustomer(tenant, customerId);
  const rates = useVatRates(tenant);

  if (customer.isPending || rates.isPending) return <Loading />;
  if (customer.error || rates.error) {
    const error = customer.error ?? rates.error;
    return (
      <>
        <PageHeader title={t(error instanceof ApiError && error.kind === 'not-found' ? 'customer.notFound' : 'invoices.new.title')} />
        <ErrorState error={error} onRetry={() => void (customer.error ? customer.refetch() : rates.refetch())} />
      </>
    );
  }
  const c = customer.data;
  const incomplete = !c.streetAddress || !c.postalCode || !c.city;
  return (
    <>
      <p className={styles.back}>
        <Link href={paths.customer(tenant, customerId)}>← {displayName(c) || t('customer.unnamed')}</Link>
      </p>
      <PageHeader title={t('invoices.new.title')} subtitle={t('invoices.new.subtitle', { customer: displayName(c) || t('customer.unnamed') })} />
      {incomplete && (
        <div className={styles.gap}>
          <Notice tone="warning" live={false} title={t('invoices.new.noAddress.title')}>
            <p>{t('invoices.new.noAddress.body')}</p>
          </Notice>
        </div>
      )}
      <NewInvoiceForm tenant={tenant} customerId={customerId} defaultRate={String(rates.data.rates[0]?.vatRate ?? '')} rates={rates.data.rates} />
    </>
  );
}

function NewInvoiceForm({ tenant, customerId, defaultRate, rates }: { tenant: string; customerId: string; defaultRate: string; rates: VatRate[] }) {
  const t = useT();
  const navigate = useNavigate();
  const create = useCreateDraft(tenant, customerId);
  const [values, setValues] = useState<DraftValues>(() => ({ lines: [emptyLine(defaultRate)], paymentTermDays: '14', notes: '' }));
  const [errors, setErrors] = useState<ShownErrors>(NO_SHOWN_ERRORS);
  const fieldProblem = hasShownErrors(errors) || (create.error instanceof ApiError && create.error.kind === 'validation');

  const submit = () => {
    const result = toDraftBody(values);
    if (!result.body) return setErrors(byLineKey(result.errors, values.lines));
    const sent = values.lines;
    setErrors(NO_SHOWN_ERRORS);
    create.mutate(result.body, {
      onSuccess: (invoice) => void navigate(paths.invoice(tenant, invoice.id), { state: { notice: 'draft-created' } }),
      onError: (error) => setErrors(byLineKey(draftErrorsFrom(error), sent)),
    });
  };

  return (
    <DraftEditor
      tenant={tenant}
      values={values}
      onChange={setValues}
      rates={rates}
      errors={errors}
      onSubmit={submit}
      before={fieldProblem ? <Notice tone="error" title={t('invoices.error.checkFields')} /> : create.error ? <ErrorState error={create.error} onRetry={submit} /> : undefined}
      actions={
        <>
          <Button type="submit" variant="primary" isPending={create.isPending}>
            {t('invoices.new.submit')}
          </Button>
          <Link href={paths.customer(tenant, customerId)}>{t('common.cancel')}</Link>
        </>
      }
    />
  );
}
