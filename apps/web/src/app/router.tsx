// The console's routes. Every page is its own chunk, so the sign-in page loads only what it shows.
import { createBrowserRouter, Navigate, useParams } from 'react-router';
import { AppRoot } from './AppRoot';
import { NotFoundInShell, NotFoundPage, RouteErrorPage } from './error-pages';
import { OwnerOnly } from './OwnerOnly';

function TenantIndex() {
  const { tenant } = useParams();
  return <Navigate to={`/t/${tenant}/customers`} replace />;
}

export function createRouter() {
  return createBrowserRouter([
    {
      element: <AppRoot />,
      errorElement: <RouteErrorPage />,
      children: [
        { path: '/t/:tenant/login', lazy: async () => ({ Component: (await import('../features/auth/LoginPage')).LoginPage }) },
        { path: '/t/:tenant/invitation', lazy: async () => ({ Component: (await import('../features/auth/InvitationPage')).InvitationPage }) },
        { path: '/t/:tenant/forgot-password', lazy: async () => ({ Component: (await import('../features/auth/PasswordResetPages')).TenantForgotPasswordPage }) },
        { path: '/t/:tenant/reset-password', lazy: async () => ({ Component: (await import('../features/auth/PasswordResetPages')).TenantResetPasswordPage }) },
        // The customer portal (its own shell and sign-in) and the public pages.
        { path: '/t/:tenant/portal/login', lazy: async () => ({ Component: (await import('../features/portal/PortalLoginPage')).PortalLoginPage }) },
        { path: '/t/:tenant/portal/invitation', lazy: async () => ({ Component: (await import('../features/portal/PortalInvitationPage')).PortalInvitationPage }) },
        { path: '/t/:tenant/portal/forgot-password', lazy: async () => ({ Component: (await import('../features/auth/PasswordResetPages')).PortalForgotPasswordPage }) },
        { path: '/t/:tenant/portal/reset-password', lazy: async () => ({ Component: (await import('../features/auth/PasswordResetPages')).PortalResetPasswordPage }) },
        {
          path: '/t/:tenant/portal',
          lazy: async () => ({ Component: (await import('../features/portal/PortalShell')).PortalShell }),
          errorElement: <RouteErrorPage />,
          children: [
            { index: true, lazy: async () => ({ Component: (await import('../features/portal/MyDataPage')).MyDataPage }) },
            { path: 'marketing', lazy: async () => ({ Component: (await import('../features/portal/MarketingPage')).MarketingPage }) },
            { path: 'requests', lazy: async () => ({ Component: (await import('../features/portal/RequestsPage')).RequestsPage }) },
            { path: '*', element: <NotFoundInShell /> },
          ],
        },
        { path: '/t/:tenant/privacy', lazy: async () => ({ Component: (await import('../features/public/PrivacyPage')).PrivacyPage }) },
        { path: '/t/:tenant/verify', lazy: async () => ({ Component: (await import('../features/public/VerifyPage')).VerifyPage }) },
        { path: '/unsubscribe/:token', lazy: async () => ({ Component: (await import('../features/public/UnsubscribePage')).UnsubscribePage }) },
        { path: '/accessibility', lazy: async () => ({ Component: (await import('../features/public/AccessibilityPage')).AccessibilityPage }) },
        { path: '/t/:tenant', element: <TenantIndex /> },
        {
          path: '/t/:tenant',
          lazy: async () => ({ Component: (await import('./shell/TenantShell')).TenantShell }),
          errorElement: <RouteErrorPage />,
          children: [
            { path: 'customers', lazy: async () => ({ Component: (await import('../features/customers/CustomersPage')).CustomersPage }) },
            { path: 'customers/import', lazy: async () => ({ Component: (await import('../features/import/ImportPage')).ImportPage }) },
            { path: 'customers/duplicates', lazy: async () => ({ Component: (await import('../features/import/DuplicatesPage')).DuplicatesPage }) },
            { path: 'customers/new', lazy: async () => ({ Component: (await import('../features/customers/NewCustomerPage')).NewCustomerPage }) },
            { path: 'customers/:id', lazy: async () => ({ Component: (await import('../features/customers/CustomerPage')).CustomerPage }) },
            { path: 'customers/:id/invoices/new', lazy: async () => ({ Component: (await import('../features/invoices/NewInvoicePage')).NewInvoicePage }) },
            { path: 'invoices', lazy: async () => ({ Component: (await import('../features/invoices/InvoicesPage')).InvoicesPage }) },
            { path: 'invoices/:id', lazy: async () => ({ Component: (await import('../features/invoices/InvoicePage')).InvoicePage }) },
            { path: 'invoices/:id/print', lazy: async () => ({ Component: (await import('../features/invoices/InvoicePrintPage')).InvoicePrintPage }) },
            { path: 'requests', lazy: async () => ({ Component: (await import('../features/requests/RequestsPage')).RequestsPage }) },
            { path: 'requests/:id', lazy: async () => ({ Component: (await import('../features/requests/RequestPage')).RequestPage }) },
            {
              // The owner's areas (the API refuses staff there too); staff who open one are told so in words.
              element: <OwnerOnly />,
              children: [
                { path: 'staff', lazy: async () => ({ Component: (await import('../features/staff/StaffPage')).StaffPage }) },
                { path: 'invoices/bank', lazy: async () => ({ Component: (await import('../features/bank-import/BankImportPage')).BankImportPage }) },
                { path: 'settings', lazy: async () => ({ Component: (await import('../features/settings/SettingsPage')).SettingsPage }) },
                { path: 'settings/record', lazy: async () => ({ Component: (await import('../features/settings/RecordPage')).RecordPage }) },
                { path: 'access-transparency', lazy: async () => ({ Component: (await import('../features/oversight/AccessTransparencyPage')).AccessTransparencyPage }) },
                { path: 'incidents', lazy: async () => ({ Component: (await import('../features/oversight/IncidentsPage')).IncidentsPage }) },
                { path: 'incidents/notices/:noticeId', lazy: async () => ({ Component: (await import('../features/oversight/NoticeApprovalPage')).NoticeApprovalPage }) },
                { path: 'retention', lazy: async () => ({ Component: (await import('../features/oversight/RetentionPage')).RetentionPage }) },
              ],
            },
            { path: '*', element: <NotFoundInShell /> },
          ],
        },
        // The platform console: platform staff, with a shell of their own (features/platform).
        { path: '/platform/login', lazy: async () => ({ Component: (await import('../features/platform/PlatformLoginPage')).PlatformLoginPage }) },
        { path: '/platform/invitation', lazy: async () => ({ Component: (await import('../features/platform/PlatformInvitationPage')).PlatformInvitationPage }) },
        { path: '/platform/forgot-password', lazy: async () => ({ Component: (await import('../features/auth/PasswordResetPages')).PlatformForgotPasswordPage }) },
        { path: '/platform/reset-password', lazy: async () => ({ Component: (await import('../features/auth/PasswordResetPages')).PlatformResetPasswordPage }) },
        {
          path: '/platform',
          lazy: async () => ({ Component: (await import('../features/platform/PlatformShell')).PlatformShell }),
          errorElement: <RouteErrorPage />,
          children: [
            { path: 'tenants', lazy: async () => ({ Component: (await import('../features/platform/TenantsPage')).TenantsPage }) },
            { path: 'tenants/new', lazy: async () => ({ Component: (await import('../features/platform/NewTenantPage')).NewTenantPage }) },
            { path: 'tenants/:slug', lazy: async () => ({ Component: (await import('../features/platform/TenantPage')).TenantPage }) },
            { path: 'staff', lazy: async () => ({ Component: (await import('../features/platform/PlatformStaffPage')).PlatformStaffPage }) },
            { path: 'access-log', lazy: async () => ({ Component: (await import('../features/platform/AccessLogPage')).AccessLogPage }) },
            { path: 'processing-record', lazy: async () => ({ Component: (await import('../features/platform/ProcessingRecordPage')).ProcessingRecordPage }) },
            { path: 'incidents', lazy: async () => ({ Component: (await import('../features/platform/IncidentsPage')).IncidentsPage }) },
            { path: 'incidents/new', lazy: async () => ({ Component: (await import('../features/platform/NewIncidentPage')).NewIncidentPage }) },
            { path: 'incidents/:id', lazy: async () => ({ Component: (await import('../features/platform/IncidentPage')).IncidentPage }) },
            { path: '*', element: <NotFoundInShell /> },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createRouter>;
