import type { SchemaMigration } from '@app/database';
import { tenantStaff } from './0001-staff.migration';
import { tenantCustomers } from './0002-customers.migration';
import { tenantBilling } from './0003-billing.migration';
import { tenantRegisterSettings } from './0004-register-settings.migration';
import { tenantConsent } from './0005-consent.migration';
import { tenantRequests } from './0006-requests.migration';
import { tenantPortalAccounts } from './0007-portal-accounts.migration';
import { tenantRetention } from './0008-retention.migration';
import { tenantRestrictionRequests } from './0009-restriction-requests.migration';
import { tenantCustomerSort } from './0010-customer-sort.migration';
import { tenantRequestVerification } from './0012-request-verification.migration';
import { tenantCustomerSearch } from './0013-customer-search.migration';
import { tenantRegisterRecipientsVersions } from './0014-register-recipients-versions.migration';
import { tenantConsentProofObjections } from './0018-consent-proof-objections.migration';

export const tenantMigrations: readonly SchemaMigration[] = [tenantStaff, tenantCustomers, tenantBilling, tenantRegisterSettings, tenantConsent, tenantRequests, tenantPortalAccounts, tenantRetention, tenantRestrictionRequests, tenantCustomerSort, tenantRequestVerification, tenantCustomerSearch, tenantRegisterRecipientsVersions, tenantConsentProofObjections];
