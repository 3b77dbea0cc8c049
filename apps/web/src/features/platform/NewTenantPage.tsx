// /platform/tenants/new: onboard a business. The API creates its schema and e-mails the owner an invitation;
// the page then opens the tenant, saying where the invitation went.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/problem';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { businessIdProblem } from './business-id';
import { platformPaths } from './paths';
import { type OnboardTenant, useOnboardTenant } from './queries';
import { RoleGate } from './RoleGate';
import { EMPTY_TENANT, slugFrom, type TenantField, tenantFormErrors, type TenantValues } from './tenant-fields';
import { TenantForm } from './TenantForm';
import styles from './platform.module.css';

export interface OnboardedState {
  notice: 'onboarded';
  ownerEmail: string;
}

export function NewTenantPage() {
  const t = useT();
  return (
    <RoleGate roles={['platform_admin']} title={t('platform.newTenant.title')}>
      <NewTenant />
    </RoleGate>
  );
}

function NewTenant() {
  const t = useT();
  const navigate = useNavigate();
  const onboard = useOnboardTenant();
  const [values, setValues] = useState<TenantValues>(EMPTY_TENANT);
  const [slugTouched, setSlugTouched] = useState(false);
  const errors = useMemo(() => tenantFormErrors(onboard.error, t), [onboard.error, t]);
  const fieldProblem = onboard.error instanceof ApiError && (onboard.error.kind === 'validation' || ['tenant-slug-taken', 'staff-email-taken'].includes(onboard.error.code ?? ''));

  const change = (field: TenantField, value: string) => {
    if (field === 'slug') setSlugTouched(true);
    setValues((current) => ({ ...current, [field]: value, ...(field === 'legalName' && !slugTouched ? { slug: slugFrom(value) } : {}) }));
  };

  const submit = () => {
    if (businessIdProblem(values.businessId)) return;
    const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()])) as TenantValues;
    const body: OnboardTenant = {
      slug: trimmed.slug,
      legalName: trimmed.legalName,
      businessId: trimmed.businessId,
      streetAddress: trimmed.streetAddress,
      postalCode: trimmed.postalCode,
      city: trimmed.city,
      contactEmail: trimmed.contactEmail,
      contactPerson: trimmed.contactPerson,
      language: trimmed.language === 'en' ? 'en' : 'fi',
      ...(trimmed.ownerEmail ? { ownerEmail: trimmed.ownerEmail } : {}),
      ...(trimmed.ownerName ? { ownerName: trimmed.ownerName } : {}),
    };
    onboard.mutate(body, {
      onSuccess: (result) =>
        void navigate(platformPaths.tenant(result.tenant.slug), { state: { notice: 'onboarded', ownerEmail: result.owner.email } satisfies OnboardedState }),
    });
  };

  return (
    <>
      <p className={styles.back}>
        <Link href={platformPaths.tenants()}>← {t('platform.tenant.backToList')}</Link>
      </p>
      <PageHeader title={t('platform.newTenant.title')} subtitle={t('platform.newTenant.subtitle')} />
      <TenantForm
        mode="new"
        values={values}
        onChange={change}
        errors={errors}
        onSubmit={submit}
        before={
          onboard.error &&
          (fieldProblem ? <Notice tone="error" title={t('platform.tenant.error.checkFields')} /> : <ErrorState error={onboard.error} onRetry={submit} />)
        }
        actions={
          <>
            <Button type="submit" variant="primary" isPending={onboard.isPending}>
              {onboard.isPending ? t('platform.newTenant.submitting') : t('platform.newTenant.submit')}
            </Button>
            <Link href={platformPaths.tenants()}>{t('common.cancel')}</Link>
          </>
        }
      />
    </>
  );
}
