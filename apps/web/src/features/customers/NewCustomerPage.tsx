// /t/:tenant/customers/new: register a private person or a company.
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { paths } from '../../app/paths';
import { useT } from '../../i18n/use-t';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { Link } from '../../ui/Link';
import { PageHeader } from '../../ui/PageHeader';
import { ApiError } from '../../api/problem';
import { CustomerForm } from './CustomerForm';
import { type CustomerKind, EMPTY_CUSTOMER, toCreateBody } from './customer-fields';
import { customerFormErrors } from './customer-errors';
import { useCreateCustomer } from './queries';

export function NewCustomerPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const navigate = useNavigate();
  const create = useCreateCustomer(tenant);
  const [kind, setKind] = useState<CustomerKind>('private');
  const [values, setValues] = useState(EMPTY_CUSTOMER);
  // One object per failed attempt: React Aria re-shows server errors whenever this object changes.
  const errors = useMemo(() => customerFormErrors(create.error, kind, t), [create.error, kind, t]);
  const fieldProblem = create.error instanceof ApiError && (create.error.kind === 'validation' || create.error.code === 'customer-email-taken');

  const submit = () =>
    create.mutate(toCreateBody(kind, values), {
      onSuccess: (customer) => void navigate(paths.customer(tenant, customer.id), { state: { notice: 'created' } }),
    });

  return (
    <>
      <PageHeader title={t('customer.new.title')} subtitle={t('customer.new.subtitle')} />
      <CustomerForm
        kind={kind}
        onKindChange={setKind}
        values={values}
        onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
        errors={errors}
        onSubmit={submit}
        submitLabel={t('customer.new.submit')}
        pending={create.isPending}
        before={create.error ? fieldProblem ? <Notice tone="error" title={t('customer.error.checkFields')} /> : <ErrorState error={create.error} onRetry={submit} /> : undefined}
        secondaryAction={<Link href={paths.customers(tenant)}>{t('common.cancel')}</Link>}
      />
    </>
  );
}
