// Explains a failed call in words a user can act on, with a retry where trying again can help.
import { ApiError } from '../api/problem';
import { useT, type MessageId } from '../i18n/use-t';
import { Button } from './Button';
import { Notice } from './Notice';

export interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
}

export function ErrorState({ error, onRetry }: ErrorStateProps) {
  const t = useT();
  const { title, body } = describeError(error);
  const retryable = !(error instanceof ApiError) || ['network', 'server', 'rate-limited'].includes(error.kind);
  const requestId = error instanceof ApiError ? error.problem?.requestId : undefined;
  const seconds = error instanceof ApiError ? error.retryAfterSeconds : null;
  return (
    <Notice
      tone="error"
      title={t(title)}
      actions={onRetry && retryable ? <Button onPress={onRetry}>{t('common.retry')}</Button> : undefined}
    >
      <p>{t(body, { seconds: seconds ?? 60 })}</p>
      {requestId && <p>{t('error.requestId', { requestId })}</p>}
    </Notice>
  );
}

export function describeError(error: unknown): { title: MessageId; body: MessageId } {
  if (!(error instanceof ApiError)) return { title: 'error.unexpected.title', body: 'error.unexpected.body' };
  switch (error.kind) {
    case 'network':
      return { title: 'error.network.title', body: 'error.network.body' };
    case 'unauthenticated':
      return { title: 'error.unauthenticated.title', body: 'error.unauthenticated.body' };
    case 'forbidden':
      return { title: 'error.forbidden.title', body: 'error.forbidden.body' };
    case 'not-found':
      return { title: 'error.notFound.title', body: 'error.notFound.body' };
    case 'conflict':
      return { title: 'error.conflict.title', body: 'error.conflict.body' };
    case 'rate-limited':
      return { title: 'error.rateLimited.title', body: 'error.rateLimited.body' };
    case 'validation':
      return { title: 'error.validation.title', body: 'error.validation.body' };
    case 'server':
      return { title: 'error.server.title', body: 'error.server.body' };
  }
}
