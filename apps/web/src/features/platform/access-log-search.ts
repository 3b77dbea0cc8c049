// The access-log search form's rules, as the API applies them (SearchAccessLogDto, search-filters.ts), so a
// mistake is said beside its field before anything is sent.
import { ApiError, fieldErrors } from '../../api/problem';
import type { MessageId } from '../../i18n/use-t';
import type { AccessLogSearch } from './queries';

export const JUSTIFICATION_MIN = 10;
export const JUSTIFICATION_MAX = 2000;

export interface SearchValues {
  ip: string;
  tenantId: string;
  principal: string;
  from: string;
  to: string;
  justification: string;
}

export type SearchField = keyof SearchValues;
export const SEARCH_FIELDS: readonly SearchField[] = ['ip', 'tenantId', 'principal', 'from', 'to', 'justification'];
export const EMPTY_SEARCH: SearchValues = { ip: '', tenantId: '', principal: '', from: '', to: '', justification: '' };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^(?=.*:.*:)[0-9a-f:.]{2,45}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PRINCIPAL = /^(platform:[0-9a-f-]{36}|(tenant-staff|customer):[0-9a-f-]{36}:[0-9a-f-]{36})$/i;

function isIp(text: string): boolean {
  return IPV4.test(text) || (IPV6.test(text) && !/:::/.test(text));
}

/** An address or a CIDR network (203.0.113.0/24, 2001:db8::/32). */
export function isIpFilter(text: string): boolean {
  const [address, bits, ...rest] = text.split('/');
  if (rest.length) return false;
  if (!isIp(address)) return false;
  if (bits === undefined) return true;
  const max = address.includes(':') ? 128 : 32;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/** Whether a text names an IP address (the justification must not: the business whose traffic it was reads it). */
export function containsIpAddress(text: string): boolean {
  return text
    .split(/[\s,;()[\]{}<>"'`=|]+/)
    .map((token) => token.replace(/^[.:!?]+|[.:!?]+$/g, ''))
    .some((token) => [token, token.replace(/\/\d{1,3}$/, ''), token.replace(/:\d{1,5}$/, ''), token.split('%')[0]].some((c) => c.length > 1 && isIp(c)));
}

export type SearchErrors = Partial<Record<SearchField | 'selector', MessageId>>;

/** What is wrong with the form as filled in; empty when it may be sent. */
export function checkSearch(values: SearchValues): SearchErrors {
  const errors: SearchErrors = {};
  const ip = values.ip.trim();
  const tenantId = values.tenantId.trim();
  const principal = values.principal.trim();
  if (!ip && !tenantId && !principal) errors.selector = 'platform.accessLog.error.selector';
  if (ip && !isIpFilter(ip)) errors.ip = 'platform.accessLog.error.ip';
  if (tenantId && !UUID.test(tenantId)) errors.tenantId = 'platform.accessLog.error.tenantId';
  if (principal && !PRINCIPAL.test(principal)) errors.principal = 'platform.accessLog.error.principal';
  if (values.from && values.to && new Date(values.from) >= new Date(values.to)) errors.to = 'platform.accessLog.error.window';
  const justification = values.justification.trim();
  if (justification.length < JUSTIFICATION_MIN || justification.length > JUSTIFICATION_MAX) errors.justification = 'platform.accessLog.error.justificationLength';
  else if (containsIpAddress(justification)) errors.justification = 'platform.accessLog.error.justificationIp';
  return errors;
}

/** The request: a local date and time from the form becomes an instant with its zone, as the API requires. */
export function toSearchBody(values: SearchValues): AccessLogSearch {
  const filters: AccessLogSearch['filters'] = {};
  if (values.ip.trim()) filters.ip = values.ip.trim();
  if (values.tenantId.trim()) filters.tenantId = values.tenantId.trim().toLowerCase();
  if (values.principal.trim()) filters.principal = values.principal.trim();
  if (values.from) filters.from = new Date(values.from).toISOString();
  if (values.to) filters.to = new Date(values.to).toISOString();
  return { filters, justification: values.justification.trim() };
}

/** The API's refusals, beside the fields they concern. */
export function searchServerErrors(error: unknown): SearchErrors {
  if (!(error instanceof ApiError)) return {};
  if (error.code === 'access-log-selector-required') return { selector: 'platform.accessLog.error.selector' };
  if (error.code === 'access-log-window-invalid') return { to: 'platform.accessLog.error.windowServer' };
  const { byField } = fieldErrors(error, SEARCH_FIELDS, { 'filters.ip': 'ip', 'filters.tenantId': 'tenantId', 'filters.principal': 'principal', 'filters.from': 'from', 'filters.to': 'to' });
  const out: SearchErrors = {};
  if (byField.ip) out.ip = 'platform.accessLog.error.ip';
  if (byField.tenantId) out.tenantId = 'platform.accessLog.error.tenantId';
  if (byField.principal) out.principal = 'platform.accessLog.error.principal';
  if (byField.from || byField.to) out.to = 'platform.accessLog.error.windowServer';
  if (byField.justification) out.justification = /IP/.test(byField.justification) ? 'platform.accessLog.error.justificationIp' : 'platform.accessLog.error.justificationLength';
  return out;
}
