// My requests: ask for access, rectification, erasure, restriction or objection; see each with its status and
// deadline; download the export of a served access request. An erasure refused because invoices are unpaid
// says which, and what to do. Erasure is asked for through a confirmation dialog (focus kept inside, Esc closes).
import { useState } from 'react';
import { Dialog, FieldError, Form, Heading, Label, Modal, ModalOverlay, Radio, RadioGroup, Text, TextArea, TextField } from 'react-aria-components';
import { useParams } from 'react-router';
import { ApiError, fieldErrors } from '../../api/problem';
import { useLocale } from '../../app/providers';
import { formatDate, formatMoney } from '../../i18n/format';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import fieldStyles from '../../ui/TextField.module.css';
import customerStyles from '../customers/customers.module.css';
import { usePortalContext } from './PortalShell';
import { type DataSubjectRequest, exportHref, type PortalRequestBody, unpaidInvoicesOf, useSubmitRequest } from './queries';
import { REQUEST_STATE_LABELS, REQUEST_TYPE_LABELS } from './labels';
import styles from './portal.module.css';

type RequestType = PortalRequestBody['type'];
const TYPES: RequestType[] = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'objection_legitimate_interest'];
const NEEDS_DETAILS: RequestType[] = ['rectification', 'restriction', 'objection_legitimate_interest'];
const DESCRIPTIONS: Record<RequestType, MessageId> = {
  access: 'portal.requests.describe.access',
  rectification: 'portal.requests.describe.rectification',
  erasure: 'portal.requests.describe.erasure',
  restriction: 'portal.requests.describe.restriction',
  objection: 'portal.requests.describe.objection',
  objection_legitimate_interest: 'portal.requests.describe.objection_legitimate_interest',
};

export function RequestsPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const me = usePortalContext();
  return (
    <>
      <PageHeader title={t('portal.requests.title')} subtitle={t('portal.requests.subtitle')} />
      <div className={styles.sections}>
        <NewRequest tenant={tenant} />
        <section aria-labelledby="my-requests-heading" className={styles.card}>
          <h2 id="my-requests-heading">{t('portal.requests.mine')}</h2>
          {me.requests.length === 0 ? <p>{t('portal.requests.none')}</p> : <RequestList tenant={tenant} requests={me.requests} />}
        </section>
      </div>
    </>
  );
}

function NewRequest({ tenant }: { tenant: string }) {
  const t = useT();
  const { locale } = useLocale();
  const submit = useSubmitRequest(tenant);
  const [type, setType] = useState<RequestType | null>(null);
  const [details, setDetails] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<DataSubjectRequest | null>(null);

  const send = () => {
    if (!type) return;
    setDone(null);
    submit.mutate(
      { type, ...(details.trim() ? { details: details.trim() } : {}) },
      {
        onSuccess: (request) => {
          setDone(request);
          setType(null);
          setDetails('');
        },
        onSettled: () => setConfirming(false),
      },
    );
  };
  const error = submit.error;
  const unpaid = error instanceof ApiError && error.code === 'unpaid-invoices' ? unpaidInvoicesOf(error.problem) : null;
  const detailsError = fieldErrors(error, ['details'] as const).byField.details;

  return (
    <section aria-labelledby="new-request-heading" className={styles.card}>
      <h2 id="new-request-heading">{t('portal.requests.new')}</h2>
      <div role="status" className={styles.status}>
        {done && (
          <Notice tone="success" live={false} title={t('portal.requests.sent.title')}>
            {done.type === 'objection' ? t('portal.requests.sent.objection') : t('portal.requests.sent.body', { date: formatDate(done.dueAt, locale) })}
          </Notice>
        )}
      </div>
      {unpaid && (
        <Notice tone="error" title={t('portal.requests.unpaid.title')}>
          <p>{t('portal.requests.unpaid.body')}</p>
          <ul>
            {unpaid.map((invoice) => (
              <li key={invoice.id}>
                {t(invoice.overdue ? 'portal.requests.unpaid.overdue' : 'portal.requests.unpaid.item', {
                  number: invoice.number,
                  amount: formatMoney(invoice.outstandingCents, locale),
                  date: formatDate(invoice.dueDate, locale),
                })}
              </li>
            ))}
          </ul>
          <p>{t('portal.requests.unpaid.todo')}</p>
        </Notice>
      )}
      {error && !unpaid && !detailsError && <ErrorState error={error} onRetry={send} />}
      <Form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          if (type === 'erasure') setConfirming(true);
          else send();
        }}
      >
        <RadioGroup className={styles.choices} value={type} onChange={(value) => setType(value as RequestType)} isRequired>
          <Label className={customerStyles.kindLabel}>{t('portal.requests.what')}</Label>
          {TYPES.map((option) => (
            <Radio key={option} value={option} className={styles.choice} aria-describedby={`describe-${option}`}>
              <span className={styles.choiceLabel}>{t(REQUEST_TYPE_LABELS[option])}</span>
              <span id={`describe-${option}`} className={styles.choiceHelp}>
                {t(DESCRIPTIONS[option])}
              </span>
            </Radio>
          ))}
          <FieldError className={fieldStyles.error}>{t('portal.requests.chooseType')}</FieldError>
        </RadioGroup>
        <TextField
          className={fieldStyles.field}
          name="details"
          value={details}
          onChange={setDetails}
          isRequired={type !== null && NEEDS_DETAILS.includes(type)}
          maxLength={2000}
          isInvalid={detailsError ? true : undefined}
        >
          <Label className={fieldStyles.label}>
            {t('portal.requests.details')}
            {type !== null && NEEDS_DETAILS.includes(type) && <span className={fieldStyles.required} aria-hidden="true"> *</span>}
          </Label>
          <Text slot="description" className={fieldStyles.description}>
            {t(
              type === 'rectification'
                ? 'portal.requests.detailsHelp.rectification'
                : type === 'restriction'
                  ? 'portal.requests.detailsHelp.restriction'
                  : type === 'objection_legitimate_interest'
                    ? 'portal.requests.detailsHelp.objection_legitimate_interest'
                    : 'portal.requests.detailsHelp.other',
            )}
          </Text>
          <TextArea className={`${fieldStyles.input} ${styles.textarea}`} rows={4} />
          <FieldError className={fieldStyles.error}>{t('portal.requests.detailsRequired')}</FieldError>
        </TextField>
        <div className={styles.actions}>
          <Button type="submit" variant="primary" isPending={submit.isPending && !confirming}>
            {t('portal.requests.send')}
          </Button>
        </div>
      </Form>
      <ModalOverlay className={styles.overlay} isDismissable isOpen={confirming} onOpenChange={setConfirming}>
        <Modal className={styles.modal}>
          <Dialog className={styles.dialog} role="alertdialog">
            {({ close }) => (
              <>
                <Heading slot="title" className={styles.dialogTitle}>
                  {t('portal.erasure.confirm.title')}
                </Heading>
                <p>{t('portal.erasure.confirm.body')}</p>
                <ul>
                  <li>{t('portal.erasure.confirm.gone')}</li>
                  <li>{t('portal.erasure.confirm.kept')}</li>
                  <li>{t('portal.erasure.confirm.account')}</li>
                </ul>
                <div className={styles.actions}>
                  <Button variant="danger" isPending={submit.isPending} onPress={send}>
                    {t('portal.erasure.confirm.yes')}
                  </Button>
                  <Button variant="secondary" onPress={close} autoFocus>
                    {t('common.cancel')}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </section>
  );
}

function RequestList({ tenant, requests }: { tenant: string; requests: DataSubjectRequest[] }) {
  const t = useT();
  const { locale } = useLocale();
  const newestFirst = [...requests].reverse();
  return (
    <DataTable
      caption={t('portal.requests.mine')}
      rowKey={(row) => row.id}
      rows={newestFirst}
      columns={[
        { key: 'type', header: t('portal.requests.col.type'), cell: (row) => t(REQUEST_TYPE_LABELS[row.type]) },
        { key: 'received', header: t('portal.requests.col.received'), cell: (row) => formatDate(row.receivedAt, locale), secondary: true },
        {
          key: 'due',
          header: t('portal.requests.col.due'),
          cell: (row) =>
            ['completed', 'rejected'].includes(row.state) ? '–' : (
              <>
                {formatDate(row.dueAt, locale)}
                {row.overdue && <span className={styles.overdue}> {t('portal.requests.overdue')}</span>}
                {row.extendedAt && <span className={styles.none}> {t('portal.requests.extended')}</span>}
              </>
            ),
        },
        {
          key: 'state',
          header: t('portal.requests.col.state'),
          cell: (row) => (
            <>
              {t(REQUEST_STATE_LABELS[row.state])}
              {row.rejectionReason && <span className={styles.reason}>{t('portal.requests.reason', { reason: row.rejectionReason })}</span>}
              {row.objectionEffect && <span className={styles.reason}>{t('portal.requests.objectionUpheld', { effect: row.objectionEffect })}</span>}
            </>
          ),
        },
        {
          key: 'export',
          header: t('portal.requests.col.export'),
          cell: (row) =>
            row.type === 'access' && row.state === 'completed' && row.customerId ? (
              <span className={styles.downloads}>
                <a className={styles.download} href={exportHref(tenant, row.id, 'html')} download>
                  {t('portal.requests.exportHtml')}
                </a>
                <a className={styles.download} href={exportHref(tenant, row.id, 'json')} download>
                  {t('portal.requests.exportJson')}
                </a>
                <a className={styles.download} href={exportHref(tenant, row.id, 'csv')} download>
                  {t('portal.requests.exportCsv')}
                </a>
              </span>
            ) : (
              '–'
            ),
        },
      ]}
    />
  );
}
