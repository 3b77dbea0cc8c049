// The invoice list's filters as the URL carries them (/t/:tenant/invoices?status=overdue&from=…), and as the API
// takes them. One "status" choice covers the stored states and "overdue" (which the API derives from the due date).
export const STATUS_CHOICES = ['overdue', 'issued', 'partially_paid', 'paid', 'draft', 'credited'] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

export interface InvoiceFilters {
  status?: StatusChoice;
  from?: string;
  to?: string;
  customer?: string;
  offset?: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the filters from the URL, dropping what the API would refuse (an old or hand-edited link still opens). */
export function filtersFrom(search: URLSearchParams): InvoiceFilters {
  const filters: InvoiceFilters = {};
  const status = search.get('status');
  if (status && (STATUS_CHOICES as readonly string[]).includes(status)) filters.status = status as StatusChoice;
  const from = search.get('from');
  if (from && ISO_DATE.test(from)) filters.from = from;
  const to = search.get('to');
  if (to && ISO_DATE.test(to)) filters.to = to;
  const customer = search.get('customer');
  if (customer && UUID.test(customer)) filters.customer = customer;
  const offset = Number(search.get('offset'));
  if (Number.isSafeInteger(offset) && offset > 0) filters.offset = offset;
  return filters;
}

/** The URL's query string for these filters (empty ones left out), in a fixed order. */
export function searchOf(filters: InvoiceFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.customer) params.set('customer', filters.customer);
  if (filters.offset) params.set('offset', String(filters.offset));
  return params.toString();
}

export interface InvoiceListQuery {
  status?: Exclude<StatusChoice, 'overdue'>;
  overdue?: 'true' | 'false';
  from?: string;
  to?: string;
  customerId?: string;
  offset?: number;
  limit: number;
}

/** What the API is asked: "overdue" is its own filter; "open" means issued and not yet overdue. */
export function apiQueryOf(filters: InvoiceFilters, limit: number): InvoiceListQuery {
  const query: InvoiceListQuery = { limit };
  if (filters.status === 'overdue') query.overdue = 'true';
  else if (filters.status) query.status = filters.status;
  if (filters.status === 'issued' || filters.status === 'partially_paid') query.overdue = 'false';
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.customer) query.customerId = filters.customer;
  if (filters.offset) query.offset = filters.offset;
  return query;
}

/** A date range the wrong way round: said before anything is asked. */
export const rangeIsReversed = (filters: InvoiceFilters) => !!filters.from && !!filters.to && filters.from > filters.to;
