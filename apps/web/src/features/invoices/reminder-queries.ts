// Payment reminders: an invoice's history, sending one (the invoice and the lists refreshed after), and the
// tenant's automatic-reminder settings.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type components } from '../../api/client';
import { invoiceKeys } from './queries';

export type InvoiceReminder = components['schemas']['InvoiceReminderDto'];
export type ReminderSettings = components['schemas']['ReminderSettingsDto'];
export type ReminderSettingsBody = components['schemas']['UpdateReminderSettingsDto'];

export const reminderKeys = {
  history: (tenant: string, id: string) => [...invoiceKeys.one(tenant, id), 'reminders'] as const,
  settings: (tenant: string) => ['tenant', tenant, 'reminder-settings'] as const,
};

export function useReminders(tenant: string, id: string) {
  return useQuery({
    queryKey: reminderKeys.history(tenant, id),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/invoices/{id}/reminders', { params: { path: { tenant, id } }, signal })),
  });
}

export function useSendReminder(tenant: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/t/{tenant}/invoices/{id}/reminders', { params: { path: { tenant, id } }, body: {} })),
    // The invoice (its count), its history and the list's reminder column.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: invoiceKeys.all(tenant) }),
  });
}

export function useReminderSettings(tenant: string) {
  return useQuery({
    queryKey: reminderKeys.settings(tenant),
    queryFn: ({ signal }) => call(api.GET('/api/t/{tenant}/reminder-settings', { params: { path: { tenant } }, signal })),
  });
}

export function useSaveReminderSettings(tenant: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReminderSettingsBody) => call(api.PUT('/api/t/{tenant}/reminder-settings', { params: { path: { tenant } }, body })),
    onSuccess: (saved) => queryClient.setQueryData(reminderKeys.settings(tenant), saved),
  });
}
