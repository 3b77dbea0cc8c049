// /accessibility: the accessibility statement (EN 301 549; the Finnish Act on the Provision of Digital Services,
// 306/2019, chapters 3 and 3a) in the reader's language, with its feedback channel: a form that the API queues
// as an e-mail to the address that answers accessibility feedback.
import { useState } from 'react';
import { FieldError, Form, Label, Text, TextArea, TextField as AriaTextField } from 'react-aria-components';
import { ApiError, fieldErrors } from '../../api/problem';
import { useLocale } from '../../app/providers';
import { type MessageId, useT } from '../../i18n/use-t';
import { Button } from '../../ui/Button';
import { ErrorState } from '../../ui/ErrorState';
import { Notice } from '../../ui/Notice';
import { PageHeader } from '../../ui/PageHeader';
import { TextField } from '../../ui/TextField';
import fieldStyles from '../../ui/TextField.module.css';
import { PublicLayout } from './PublicLayout';
import { useSendAccessibilityFeedback } from './queries';
import styles from './public.module.css';

const SCOPE: MessageId[] = ['a11y.scope.portal', 'a11y.scope.console', 'a11y.scope.public'];
const LIMITS: MessageId[] = ['a11y.limit.session', 'a11y.limit.json', 'a11y.limit.print'];
const TESTED: MessageId[] = ['a11y.tested.axe', 'a11y.tested.keyboard', 'a11y.tested.zoom', 'a11y.tested.aria'];

export function AccessibilityPage() {
  const t = useT();
  return (
    <PublicLayout>
      <article className={styles.document}>
        <PageHeader title={t('a11y.title')} subtitle={t('a11y.subtitle')} />
        <section aria-labelledby="a11y-scope" className={styles.section}>
          <h2 id="a11y-scope">{t('a11y.scope.title')}</h2>
          <p>{t('a11y.scope.body')}</p>
          <ul>{SCOPE.map((id) => <li key={id}>{t(id)}</li>)}</ul>
        </section>
        <section aria-labelledby="a11y-status" className={styles.section}>
          <h2 id="a11y-status">{t('a11y.status.title')}</h2>
          <p>{t('a11y.status.body')}</p>
        </section>
        <section aria-labelledby="a11y-limits" className={styles.section}>
          <h2 id="a11y-limits">{t('a11y.limits.title')}</h2>
          <ul>{LIMITS.map((id) => <li key={id}>{t(id)}</li>)}</ul>
        </section>
        <section aria-labelledby="a11y-tested" className={styles.section}>
          <h2 id="a11y-tested">{t('a11y.tested.title')}</h2>
          <p>{t('a11y.tested.body')}</p>
          <ul>{TESTED.map((id) => <li key={id}>{t(id)}</li>)}</ul>
          <p>{t('a11y.tested.date')}</p>
        </section>
        <section aria-labelledby="a11y-feedback" className={styles.section}>
          <h2 id="a11y-feedback">{t('a11y.feedback.title')}</h2>
          <p>{t('a11y.feedback.body')}</p>
          <FeedbackForm />
        </section>
        <section aria-labelledby="a11y-enforcement" className={styles.section}>
          <h2 id="a11y-enforcement">{t('a11y.enforcement.title')}</h2>
          <p>{t('a11y.enforcement.body')}</p>
          <dl className={styles.facts}>
            <div className={styles.fact}>
              <dt>{t('a11y.enforcement.authority')}</dt>
              <dd>{t('a11y.enforcement.authorityName')}</dd>
            </div>
            <div className={styles.fact}>
              <dt>{t('a11y.enforcement.web')}</dt>
              <dd>www.saavutettavuusvaatimukset.fi</dd>
            </div>
          </dl>
        </section>
      </article>
    </PublicLayout>
  );
}

type Field = 'message' | 'email' | 'name' | 'page';

function FeedbackForm() {
  const t = useT();
  const { locale } = useLocale();
  const send = useSendAccessibilityFeedback();
  const [values, setValues] = useState<Record<Field, string>>({ message: '', email: '', name: '', page: '' });
  const [edited, setEdited] = useState<Set<Field>>(new Set());
  const serverErrors = fieldErrors(send.error, ['message', 'email', 'name', 'page'] as const).byField;
  const errorOf = (field: Field): string | undefined => {
    if (edited.has(field) || !serverErrors[field]) return undefined;
    return t(field === 'message' ? 'a11y.form.messageError' : field === 'email' ? 'form.invalidEmail' : 'form.invalid');
  };
  const set = (field: Field) => (value: string) => {
    setValues({ ...values, [field]: value });
    setEdited(new Set(edited).add(field));
  };
  const submit = () => {
    setEdited(new Set());
    const body = {
      message: values.message.trim(),
      language: locale,
      ...(values.email.trim() ? { email: values.email.trim() } : {}),
      ...(values.name.trim() ? { name: values.name.trim() } : {}),
      ...(values.page.trim() ? { page: values.page.trim() } : {}),
    };
    send.mutate(body, { onSuccess: () => setValues({ message: '', email: '', name: '', page: '' }) });
  };
  const unavailable = send.error instanceof ApiError && send.error.code === 'accessibility-feedback-unavailable';
  const fieldProblem = Object.keys(serverErrors).length > 0;
  return (
    <div className={styles.stack}>
      <div role="status" className={styles.status}>
        {send.data && (
          <Notice tone="success" live={false} title={t('a11y.form.sent.title')}>
            {t('a11y.form.sent.body')}
          </Notice>
        )}
      </div>
      {unavailable && <Notice tone="error" title={t('a11y.form.unavailable.title')}>{t('a11y.form.unavailable.body')}</Notice>}
      {send.error && !unavailable && !fieldProblem && <ErrorState error={send.error} onRetry={submit} />}
      <Form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <AriaTextField
          className={fieldStyles.field}
          name="message"
          isRequired
          minLength={10}
          maxLength={5000}
          value={values.message}
          onChange={set('message')}
          isInvalid={errorOf('message') ? true : undefined}
        >
          <Label className={fieldStyles.label}>
            {t('a11y.form.message')}
            <span className={fieldStyles.required} aria-hidden="true"> *</span>
          </Label>
          <Text slot="description" className={fieldStyles.description}>
            {t('a11y.form.messageHelp')}
          </Text>
          <TextArea className={`${fieldStyles.input} ${styles.textarea}`} rows={5} />
          <FieldError className={fieldStyles.error}>
            {errorOf('message') ??
              (({ validationDetails }) => (validationDetails.valueMissing ? t('form.required') : t('a11y.form.messageError')))}
          </FieldError>
        </AriaTextField>
        <TextField label={t('a11y.form.page')} description={t('a11y.form.pageHelp')} name="page" autoComplete="off" value={values.page} onChange={set('page')} errorMessage={errorOf('page')} />
        <TextField label={t('a11y.form.name')} name="name" autoComplete="name" value={values.name} onChange={set('name')} errorMessage={errorOf('name')} />
        <TextField
          label={t('a11y.form.email')}
          description={t('a11y.form.emailHelp')}
          type="email"
          name="email"
          autoComplete="email"
          value={values.email}
          onChange={set('email')}
          errorMessage={errorOf('email')}
        />
        <div>
          <Button type="submit" variant="primary" isPending={send.isPending}>
            {t('a11y.form.send')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
