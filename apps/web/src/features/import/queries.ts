// The import's and the duplicates' calls and their query keys.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';
import { customerKeys } from '../customers/queries';

export type ImportFile = components['schemas']['ImportFileDto'];
export type ImportPreview = components['schemas']['PreviewDto'];
export type PreviewRow = components['schemas']['PreviewRowDto'];
export type ImportResult = components['schemas']['ImportResultDto'];
export type DuplicatePair = components['schemas']['DuplicatePairDto'];
export type DuplicateMode = components['schemas']['DuplicateMode'];
export type Mapping = Record<string, string | null>;

export const importKeys = {
  one: (tenant: string, id: string) => ['tenant', tenant, 'customer-imports', id] as const,
  duplicates: (tenant: string) => ['tenant', tenant, 'customer-duplicates'] as const,
};

export function useUploadImport(tenant: string) {
  return useMutation({
    mutationFn: (body: { fileName: string; content: string }) => call(api.POST('/api/t/{tenant}/customer-imports', { params: { path: { tenant } }, body })),
  });
}

export function usePreviewImport(tenant: string) {
  return useMutation({
    mutationFn: ({ id, mapping, duplicates }: { id: string; mapping: Mapping; duplicates: DuplicateMode }) =>
      call(api.POST('/api/t/{tenant}/customer-imports/{id}/preview', { params: { path: { tenant, id } }, body: { mapping: mapping as never, duplicates } })),
  });
}

export function useCommitImport(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, mapping, duplicates, allOrNothing }: { id: string; mapping: Mapping; duplicates: DuplicateMode; allOrNothing: boolean }) =>
      call(api.POST('/api/t/{tenant}/customer-imports/{id}/commit', { params: { path: { tenant, id } }, body: { mapping: mapping as never, duplicates, allOrNothing } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: customerKeys.all(tenant) }),
  });
}

/** The file's state while it is imported: `processed` rises batch by batch (read every half second). */
export function useImportProgress(tenant: string, id: string | undefined, running: boolean) {
  return useQuery({
    queryKey: importKeys.one(tenant, id ?? ''),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/customer-imports/{id}', { params: { path: { tenant, id: id! } }, signal })),
    enabled: Boolean(id) && running,
    refetchInterval: running ? 500 : false,
  });
}

export function useDuplicates(tenant: string) {
  return useQuery({
    queryKey: importKeys.duplicates(tenant),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/customer-duplicates', { params: { path: { tenant }, query: { limit: 50 } }, signal })),
  });
}

export function useMergeCustomers(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['MergeCustomersDto']) => call(api.POST('/api/t/{tenant}/customer-merges', { params: { path: { tenant } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: importKeys.duplicates(tenant) });
      void queryClient.invalidateQueries({ queryKey: customerKeys.all(tenant) });
    },
  });
}

/** The file's bytes as base64 (the API takes JSON: the CSRF check admits no other body). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
