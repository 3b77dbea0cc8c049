// The danger zone of the settings page (owner): download the whole register as one archive, ask to leave the
// platform by typing the business's name, and see the date the register will be deleted and cancel until then.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useLocale } from '../../app/providers';
import { paths } from '../../app/paths';
import { fieldErrors } from '../../api/problem';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Link } from '../../ui/Link';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { type LeaveStatus, useCancelLeave, useLeaveStatus, useRequestLeave } from './leave-queries';
import { useSeller } from './seller-queries';
import layout from '../../ui/layout.module.css';
import forms from '../../ui/forms.module.css';
import styles from './leave.module.css';

export function LeaveSection({ tenant }: { tenant: string }) {
  const t = useT();
  const status = useLeaveStatus(tenant);
  const seller = useSeller(tenant);
  return (
    <section className={`${layout.panel} ${styles.danger}`} aria-labelledby="leave-title">
      <h2 id="leave-title">{t('leave.title')}</h2>
      <div>
        <h3 id="leave-archive-title">{t('leave.archive.title')}</h3>
        <p className={layout.muted} id="leave-archive-help">
          {t('leave.archive.help')}
        </p>
        <Link href={paths.registerArchive(tenant)} download appearance="button-secondary" aria-describedby="leave-archive-help">
          {t('leave.archive.download')}
        </Link>
      </div>
      <div className={styles.part}>
        <h3 id="leave-request-title">{t('leave.request.title')}</h3>
        {(status.isPending || seller.isPending) && <Loading />}
        {status.error && <ErrorState error={status.error} onRetry={() => void status.refetch()} />}
        {seller.error && <ErrorState error={seller.error} onRetry={() => void seller.refetch()} />}
        {status.data && seller.data && (status.data.leaveAfter ? <Requested tenant={tenant} status={status.data} /> : <RequestForm tenant={tenant} legalName={seller.data.legalName} />)}
      </div>
    </section>
  );
}

function Requested({ tenant, status }: { tenant: string; status: LeaveStatus }) {
  const t = useT();
  const { locale } = useLocale();
  const cancel = useCancelLeave(tenant);
  return (
    <>
      <Notice tone="warning" title={t('leave.requested.title', { date: formatDate(status.leaveAfter!, locale) })}>
        <p>{t('leave.requested.body', { name: status.requestedByName ?? '—', requestedAt: formatDate(status.requestedAt!, locale) })}</p>
      </Notice>
      {cancel.error && <ErrorState error={cancel.error} onRetry={() => cancel.mutate()} />}
      <div className={forms.actions}>
        <Button variant="primary" isPending={cancel.isPending} onPress={() => cancel.mutate()}>
          {t('leave.cancel')}
        </Button>
      </div>
    </>
  );
}

function RequestForm({ tenant, legalName }: { tenant: string; legalName: string }) {
  const t = useT();
  const request = useRequestLeave(tenant);
  const [confirmation, setConfirmation] = useState('');
  const [reason, setReason] = useState('');
  const [edited, setEdited] = useState(false);
  const { byField, other } = fieldErrors(request.error, ['confirmation', 'reason'] as const);
  const explained = Object.keys(byField).length > 0;
  const matches = confirmation.trim().toLocaleLowerCase() === legalName.trim().toLocaleLowerCase();
  return (
    <Form
      validationBehavior="aria"
      className={forms.form}
      aria-labelledby="leave-request-title"
      onSubmit={(event) => {
        event.preventDefault();
        setEdited(false);
        request.mutate({ confirmation, reason: reason.trim() || undefined });
      }}
    >
      <p className={layout.muted}>{t('leave.request.help')}</p>
      {request.error && !explained && <ErrorState error={request.error} />}
      {other.length > 0 && <Notice tone="error">{other.join(' ')}</Notice>}
      <TextField
        label={t('leave.request.confirmation', { name: legalName })}
        isRequired
        autoComplete="off"
        value={confirmation}
        onChange={(value) => (setConfirmation(value), setEdited(true))}
        errorMessage={!edited && byField.confirmation ? t('leave.request.mismatch') : undefined}
      />
      <TextField label={t('leave.request.reason')} autoComplete="off" value={reason} onChange={setReason} />
      <div className={forms.actions}>
        <Button type="submit" variant="danger" isPending={request.isPending} isDisabled={!matches}>
          {t('leave.request.submit')}
        </Button>
      </div>
    </Form>
  );
}
