// The one client of the API: typed by the OpenAPI document, same-origin cookies, JSON bodies. Feature hooks
// call it through `call`, which turns every failure into an ApiError; pages never call fetch themselves.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, apiErrorFrom } from './problem';

export type { paths } from './schema';
export type { components } from './schema';

const origin = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;

const noStore: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept', 'application/json, application/problem+json');
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: origin, credentials: 'same-origin', cache: 'no-store' });
api.use(noStore);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Awaits a client call; resolves with its data, rejects with an ApiError (a lost connection included). */
export async function call<T>(request: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await request;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('network', 0, null);
  }
  const { data, error, response } = result;
  if (!response.ok) throw apiErrorFrom(response.status, error, response.headers.get('Retry-After'));
  return data as T;
}
