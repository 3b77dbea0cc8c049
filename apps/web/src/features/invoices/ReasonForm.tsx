// A short form that asks why (3 to 500 characters) before an act that is kept on record with its reason: a credit
// note, a reversed payment. The reason is checked here for speed and by the server, whose refusal shows beside it.
import { type ReactNode, useState } from 'react';
import { Form } from 'react-aria-components';
import { ApiError, fieldErrors } from '../../api/problem';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { TextAreaField } from './fields';
import styles from './invoices.module.css';

export function ReasonForm({ label, description, submitLabel, error, isPending, onSubmit, onEdit, onCancel, children }: {
  label: string;
  description: string;
  submitLabel: string;
  error: Error | null;
  isPending: boolean;
  onSubmit: (reason: string) => void;
  /** The user changed the reason: an earlier refusal no longer applies. */
  onEdit: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const refused = error instanceof ApiError && !!fieldErrors(error, ['reason'] as const).byField.reason;
  const reasonError = tooShort || refused ? t('invoices.error.reason') : undefined;
  return (
    <Form
      // Checked here and by the server, not by the browser: its refusals linger after the field is fixed.
      validationBehavior="aria"
      className={styles.smallForm}
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim().length < 3) return setTooShort(true);
        onSubmit(reason.trim());
      }}
    >
      {children}
      {error && !reasonError && <ErrorState error={error} />}
      <TextAreaField
        label={label}
        description={description}
        isRequired
        minLength={3}
        maxLength={500}
        autoFocus
        value={reason}
        onChange={(value) => {
          setReason(value);
          setTooShort(false);
          onEdit();
        }}
        errorMessage={reasonError}
      />
      <div className={styles.actions}>
        <Button type="submit" variant="danger" isPending={isPending}>
          {submitLabel}
        </Button>
        <Button variant="quiet" onPress={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
