// An issued invoice's documents: download the PDF, send it to the customer by e-mail (through the outbox),
// and for a company customer download the Finvoice 3.0 message. Downloads are plain links (the session
// cookie goes with them); sending answers where it went, or why it could not.
import { useMutation } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/problem';
import { paths } from '../../app/paths';
import { useLocale } from '../../app/providers';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Notice } from '../../ui/Notice';
import { useSeller } from '../settings/seller-queries';
import type { Invoice } from './queries';
import buttonStyles from '../../ui/Button.module.css';
import styles from './invoices.module.css';

const KNOWN = ['customer-has-no-email', 'payment-account-missing'] as const;

export function InvoiceDocuments({ tenant, invoice }: { tenant: string; invoice: Invoice }) {
  const t = useT();
  const { locale } = useLocale();
  const seller = useSeller(tenant);
  const send = useMutation({
    mutationFn: () => call(api.POST('/api/t/{tenant}/invoices/{id}/send', { params: { path: { tenant, id: invoice.id } }, body: { lang: locale } })),
  });
  const base = `/api/t/${encodeURIComponent(tenant)}/invoices/${encodeURIComponent(invoice.id)}`;
  const noAccount = invoice.kind === 'invoice' && invoice.outstandingCents > 0 && seller.data && !seller.data.iban;
  const code = send.error instanceof ApiError ? send.error.code : null;
  const known = code && (KNOWN as readonly string[]).includes(code) ? (code as (typeof KNOWN)[number]) : null;
  const button = `${buttonStyles.button} ${buttonStyles.secondary}`;
  return (
    <section className={styles.panel} aria-labelledby="invoice-documents">
      <h2 id="invoice-documents">{t('invoices.documents.title')}</h2>
      {noAccount ? (
        <Notice tone="warning" live={false}>
          <p>{t('invoices.documents.noAccount')}</p>
          <p>
            <Link href={paths.settings(tenant)}>{t('invoices.documents.toSettings')}</Link>
          </p>
        </Notice>
      ) : (
        <div className={styles.actions}>
          <a className={button} href={`${base}/pdf?lang=${locale}`} download>
            {t('invoices.documents.pdf')}
          </a>
          {invoice.buyer?.businessId && (
            <a className={button} href={`${base}/finvoice?lang=${locale}`} download aria-label={t('invoices.documents.finvoiceLabel')}>
              {t('invoices.documents.finvoice')}
            </a>
          )}
          <Button variant="primary" isPending={send.isPending} onPress={() => send.mutate()}>
            {t('invoices.documents.send')}
          </Button>
        </div>
      )}
      {send.data && <Notice tone="success">{t('invoices.documents.sent', { to: send.data.to })}</Notice>}
      {known && <Notice tone="error">{t(known === 'customer-has-no-email' ? 'invoices.documents.noEmail' : 'invoices.documents.noAccount')}</Notice>}
      {send.error && !known && <ErrorState error={send.error} onRetry={() => send.mutate()} />}
    </section>
  );
}
