// Payments from the bank: imports, their entries, the open ones to resolve, and the open invoices to assign to.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';
import { invoiceKeys } from '../invoices/queries';

export type BankImport = components['schemas']['BankImportDetailDto'];
export type BankImportSummary = components['schemas']['BankImportDto'];
export type BankEntry = components['schemas']['BankEntryDto'];

export const bankKeys = {
  all: (tenant: string) => ['tenant', tenant, 'bank'] as const,
  imports: (tenant: string) => [...bankKeys.all(tenant), 'imports'] as const,
  one: (tenant: string, id: string) => [...bankKeys.all(tenant), 'import', id] as const,
  open: (tenant: string) => [...bankKeys.all(tenant), 'open'] as const,
  payable: (tenant: string) => [...bankKeys.all(tenant), 'payable'] as const,
};

export function useBankImports(tenant: string) {
  return useQuery({
    queryKey: bankKeys.imports(tenant),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/bank-imports', { params: { path: { tenant }, query: { limit: 20 } }, signal })),
  });
}

export function useBankImport(tenant: string, id: string | null) {
  return useQuery({
    queryKey: bankKeys.one(tenant, id ?? ''),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/bank-imports/{id}', { params: { path: { tenant, id: id! } }, signal })),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

export function useOpenEntries(tenant: string) {
  return useQuery({
    queryKey: bankKeys.open(tenant),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/bank-entries', { params: { path: { tenant }, query: { show: 'open', limit: 200 } }, signal })),
  });
}

/** Issued invoices with money owed (unpaid, then partly paid): where an open payment can go. */
export function usePayableInvoices(tenant: string) {
  return useQuery({
    queryKey: bankKeys.payable(tenant),
    queryFn: async ({ signal }) => {
      const [issued, partly] = await Promise.all(
        (['issued', 'partially_paid'] as const).map((status) => call(api.GET('/api/t/{tenant}/invoices', { params: { path: { tenant }, query: { status, limit: 200 } }, signal }))),
      );
      return [...issued.items, ...partly.items].sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
    },
  });
}

/** A file (its bytes as base64) to book; afterwards the lists and the invoices are read again. */
export function useImportBankFile(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { fileName: string; contentBase64: string }) => call(api.POST('/api/t/{tenant}/bank-imports', { params: { path: { tenant } }, body })),
    onSuccess: (result) => {
      queryClient.setQueryData(bankKeys.one(tenant, result.id), result);
      void queryClient.invalidateQueries({ queryKey: bankKeys.all(tenant) });
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.all(tenant) });
    },
  });
}

function useSettleEntry(tenant: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: bankKeys.all(tenant) });
    void queryClient.invalidateQueries({ queryKey: invoiceKeys.all(tenant) });
  };
}

export function useAssignEntry(tenant: string, id: string) {
  const settle = useSettleEntry(tenant);
  return useMutation({
    mutationFn: (invoiceId: string) => call(api.POST('/api/t/{tenant}/bank-entries/{id}/assign', { params: { path: { tenant, id } }, body: { invoiceId } })),
    onSuccess: settle,
  });
}

export function useResolveEntry(tenant: string, id: string) {
  const settle = useSettleEntry(tenant);
  return useMutation({
    mutationFn: (note: string) => call(api.POST('/api/t/{tenant}/bank-entries/{id}/resolve', { params: { path: { tenant, id } }, body: { note } })),
    onSuccess: settle,
  });
}

/** The file's bytes as base64, for a JSON body. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
