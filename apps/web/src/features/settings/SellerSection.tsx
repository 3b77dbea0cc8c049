// The seller's details on the settings page (owner): the legal identity the invoices name and the account
// they are paid to (IBAN, BIC). Saved under the version read; the API's refusals are shown beside the fields.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { ApiError, fieldErrors } from '../../api/problem';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { type Seller, useSeller, useUpdateSeller } from './seller-queries';
import layout from '../../ui/layout.module.css';
import forms from '../../ui/forms.module.css';

const FIELDS = ['legalName', 'businessId', 'streetAddress', 'postalCode', 'city', 'iban', 'bic'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

const LABELS: Record<Field, MessageId> = {
  legalName: 'seller.field.legalName',
  businessId: 'seller.field.businessId',
  streetAddress: 'seller.field.streetAddress',
  postalCode: 'seller.field.postalCode',
  city: 'seller.field.city',
  iban: 'seller.field.iban',
  bic: 'seller.field.bic',
};

const valuesOf = (s: Seller): Values => ({ legalName: s.legalName, businessId: s.businessId, streetAddress: s.streetAddress, postalCode: s.postalCode, city: s.city, iban: s.iban ? s.iban.replace(/(.{4})(?=.)/g, '$1 ') : '', bic: s.bic ?? '' });

export function SellerSection({ tenant }: { tenant: string }) {
  const t = useT();
  const seller = useSeller(tenant);
  return (
    <section className={layout.panel} aria-labelledby="seller-title">
      <h2 id="seller-title">{t('seller.title')}</h2>
      <p className={layout.muted}>{t('seller.help')}</p>
      {seller.isPending && <Loading />}
      {seller.error && <ErrorState error={seller.error} onRetry={() => void seller.refetch()} />}
      {seller.data && <SellerForm tenant={tenant} seller={seller.data} />}
    </section>
  );
}

function SellerForm({ tenant, seller }: { tenant: string; seller: Seller }) {
  const t = useT();
  const update = useUpdateSeller(tenant);
  const [values, setValues] = useState<Values>(() => valuesOf(seller));
  const [saved, setSaved] = useState(false);
  const [edited, setEdited] = useState<Set<Field>>(new Set());
  const { byField, other } = fieldErrors(update.error, FIELDS);
  const stale = update.error instanceof ApiError && update.error.code === 'stale-version';
  const explained = Object.keys(byField).length > 0 || stale;
  const message = (field: Field) => (edited.has(field) || !byField[field] ? undefined : t(`seller.error.${field}` as MessageId));

  const submit = () => {
    setSaved(false);
    setEdited(new Set());
    const iban = values.iban.trim();
    const bic = values.bic.trim();
    update.mutate(
      { legalName: values.legalName, businessId: values.businessId.trim(), streetAddress: values.streetAddress, postalCode: values.postalCode.trim(), city: values.city, iban: iban || null, bic: bic || null, version: seller.version } as Parameters<typeof update.mutate>[0],
      { onSuccess: (next) => (setValues(valuesOf(next)), setSaved(true)) },
    );
  };

  return (
    <Form
      validationBehavior="aria"
      className={forms.form}
      aria-labelledby="seller-title"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {saved && <Notice tone="success">{t('seller.saved')}</Notice>}
      {stale && <Notice tone="warning">{t('seller.stale')}</Notice>}
      {update.error && !explained && <ErrorState error={update.error} onRetry={submit} />}
      {other.length > 0 && <Notice tone="error">{other.join(' ')}</Notice>}
      <div className={forms.grid}>
        {FIELDS.map((field) => (
          <TextField
            key={field}
            label={t(LABELS[field])}
            description={field === 'iban' ? t('seller.help.iban') : field === 'bic' ? t('seller.help.bic') : undefined}
            isRequired={field !== 'iban' && field !== 'bic'}
            autoComplete="off"
            size={field === 'postalCode' || field === 'bic' ? 'short' : 'full'}
            value={values[field]}
            onChange={(value) => {
              setValues((v) => ({ ...v, [field]: value }));
              setEdited((e) => new Set(e).add(field));
              setSaved(false);
            }}
            errorMessage={message(field)}
          />
        ))}
      </div>
      <div className={forms.actions}>
        <Button type="submit" variant="primary" isPending={update.isPending}>
          {t('seller.save')}
        </Button>
      </div>
    </Form>
  );
}
