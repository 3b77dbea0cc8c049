// The customers table's order: what a header press asks the server for, and how the URL's `sort` reads.
import type { TableSort } from '../../ui/DataTable';
import type { CustomerListSearch, CustomerSort } from './queries';

/** The orders a header can ask for: name A–Ö first, dates newest first; pressing the current one turns it round. */
const SORTS: Record<string, { ascending: CustomerSort; descending: CustomerSort; first: 'ascending' | 'descending' }> = {
  name: { ascending: 'name', descending: '-name', first: 'ascending' },
  created: { ascending: 'created', descending: '-created', first: 'descending' },
  updated: { ascending: 'updated', descending: '-updated', first: 'descending' },
};

export function sortFrom(value: string | null): CustomerSort {
  const all = Object.values(SORTS).flatMap((s) => [s.ascending, s.descending]);
  return all.find((s) => s === value) ?? '-created';
}

/** The page of the register a customers page address asks for (the list's query key is built from it). */
export function listSearchFrom(params: URLSearchParams): Required<Pick<CustomerListSearch, 'q' | 'sort'>> & CustomerListSearch {
  return { q: params.get('q') ?? '', cursor: params.get('cursor') ?? undefined, sort: sortFrom(params.get('sort')) };
}

export function tableSort(sort: CustomerSort): TableSort {
  const column = sort.replace('-', '');
  return { column, direction: sort.startsWith('-') ? 'descending' : 'ascending' };
}

export function nextSort(current: CustomerSort, column: string): CustomerSort {
  const orders = SORTS[column];
  const now = tableSort(current);
  if (now.column !== column) return orders[orders.first];
  return orders[now.direction === 'ascending' ? 'descending' : 'ascending'];
}

