// /t/:tenant/verify: the person who made a written request enters the one-time code mailed to the address the
// register holds (GDPR Art. 12(6)). No session; the API throttles tries per code and per address.
import { useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import { PublicLayout } from './PublicLayout';
import { useEnterCode } from './queries';
import styles from './public.module.css';

export function VerifyPage() {
  const t = useT();
  const tenant = useParams().tenant!;
  const enter = useEnterCode(tenant);
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ email?: string; code?: string }>({});
  const done = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (enter.data) done.current?.focus();
  }, [enter.data]);

  const refused = enter.error instanceof ApiError ? enter.error.code : undefined;
  const submit = () => {
    const digits = code.replace(/\s+/g, '');
    const next = { email: /^\S+@\S+\.\S+$/.test(email.trim()) ? undefined : t('verify.error.email'), code: /^\d{8}$/.test(digits) ? undefined : t('verify.error.code') };
    setErrors(next);
    if (next.email || next.code) return;
    enter.mutate({ email: email.trim(), code: digits });
  };
  return (
    <PublicLayout narrow>
      <PageHeader title={t('verify.title')} />
      <div className={styles.stack}>
        <div role="status" className={styles.status}>
          {enter.data && (
            <Notice tone="success" live={false}>
              <h2 ref={done} tabIndex={-1}>
                {t('verify.done.title')}
              </h2>
              <p>{t('verify.done.body')}</p>
            </Notice>
          )}
        </div>
        {!enter.data && (
          <>
            <p>{t('verify.intro')}</p>
            {refused === 'verification-code-invalid' && <Notice tone="error">{t('verify.invalid')}</Notice>}
            {refused === 'too-many-codes' && <Notice tone="error">{t('verify.throttled')}</Notice>}
            {enter.error && refused !== 'verification-code-invalid' && refused !== 'too-many-codes' && <ErrorState error={enter.error} onRetry={submit} />}
            <Form
              validationBehavior="aria"
              className={styles.form}
              onSubmit={(event) => {
                event.preventDefault();
                submit();
              }}
            >
              <TextField
                label={t('verify.email')}
                type="email"
                name="email"
                autoComplete="email"
                isRequired
                value={email}
                onChange={(value) => (setEmail(value), setErrors((e) => ({ ...e, email: undefined })), enter.reset())}
                errorMessage={errors.email}
              />
              <TextField
                label={t('verify.code')}
                description={t('verify.codeHelp')}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                isRequired
                maxLength={20}
                value={code}
                onChange={(value) => (setCode(value), setErrors((e) => ({ ...e, code: undefined })), enter.reset())}
                errorMessage={errors.code}
              />
              <div>
                <Button type="submit" variant="primary" isPending={enter.isPending}>
                  {t('verify.submit')}
                </Button>
              </div>
            </Form>
          </>
        )}
      </div>
    </PublicLayout>
  );
}
