// The platform console's calls for breach notification: incidents, informing the controllers, and each tenant's
// notices (draft, change, send for the owner's approval, send).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';

export type Incident = components['schemas']['IncidentDto'];
export type IncidentTenant = components['schemas']['IncidentTenantDto'];
export type Notice = components['schemas']['NoticeDto'];
export type CreateIncident = components['schemas']['CreateIncidentDto'];
export type CreateNotice = components['schemas']['CreateNoticeDto'];
export type UpdateNotice = components['schemas']['UpdateNoticeDto'];
export type RecipientSelection = components['schemas']['RecipientSelectionDto'];
export type ControllerClock = components['schemas']['ControllerClockDto'];

export const incidentKeys = {
  all: () => ['platform', 'incidents'] as const,
  list: () => ['platform', 'incidents', 'list'] as const,
  one: (id: string) => ['platform', 'incidents', 'one', id] as const,
};

// Others (the owners) change notices: a page shows them as they are now.
const ALWAYS_FETCH = 0;

export function useIncidents() {
  return useQuery({
    queryKey: incidentKeys.list(),
    queryFn: ({ signal }) => call(api.GET('/api/platform/incidents', { params: { query: { limit: 100 } }, signal })),
    staleTime: ALWAYS_FETCH,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: incidentKeys.one(id),
    queryFn: ({ signal }) => call(api.GET('/api/platform/incidents/{id}', { params: { path: { id } }, signal })),
    staleTime: ALWAYS_FETCH,
  });
}

export function useCreateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIncident) => call(api.POST('/api/platform/incidents', { body })),
    onSuccess: (incident) => {
      queryClient.setQueryData(incidentKeys.one(incident.id), incident);
      void queryClient.invalidateQueries({ queryKey: incidentKeys.list() });
    },
  });
}

/** Every change to an incident or its notices: the incident is read again, with its audit trail. */
function useIncidentMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: incidentKeys.all() }),
  });
}

export function useInformControllers(id: string) {
  return useIncidentMutation(() => call(api.POST('/api/platform/incidents/{id}/inform-controllers', { params: { path: { id } } })));
}

export function useDraftNotice(id: string) {
  return useIncidentMutation((body: CreateNotice) => call(api.POST('/api/platform/incidents/{id}/notices', { params: { path: { id } }, body })));
}

export function useUpdateNotice(id: string) {
  return useIncidentMutation(({ noticeId, body }: { noticeId: string; body: UpdateNotice }) =>
    call(api.PUT('/api/platform/incidents/{id}/notices/{noticeId}', { params: { path: { id, noticeId } }, body })),
  );
}

export function useSubmitNotice(id: string) {
  return useIncidentMutation(({ noticeId, version, approvalHours }: { noticeId: string; version: number; approvalHours?: number }) =>
    call(api.POST('/api/platform/incidents/{id}/notices/{noticeId}/submit', { params: { path: { id, noticeId } }, body: { version, approvalHours } })),
  );
}

export function useSendNotice(id: string) {
  return useIncidentMutation(({ noticeId, justification }: { noticeId: string; justification?: string }) =>
    call(api.POST('/api/platform/incidents/{id}/notices/{noticeId}/send', { params: { path: { id, noticeId } }, body: justification ? { justification } : {} })),
  );
}
