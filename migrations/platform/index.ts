import type { SchemaMigration } from '@app/database';
import { platformInitial } from './0001-initial.migration';
import { platformExtensions } from './0002-extensions.migration';
import { platformAccessLog } from './0003-access-log.migration';
import { platformVatRates } from './0004-vat-rates.migration';
import { platformJobs } from './0005-jobs.migration';
import { platformIncidents } from './0006-incidents.migration';
import { platformErasureLedger } from './0007-erasure-ledger.migration';
import { platformConsentLedger } from './0008-consent-ledger.migration';
import { platformAccessLogJournal } from './0009-access-log-journal.migration';
import { platformRoleGrants } from './0010-role-grants.migration';
import { platformPasswordReset } from './0011-password-reset.migration';
import { platformIncidentNotices } from './0012-incident-notices.migration';
import { platformTenantPaymentAccount } from './0013-tenant-payment-account.migration';
import { platformLeaving } from './0015-leaving.migration';
import { platformSpareSchemas } from './0016-spare-schemas.migration';

export const PLATFORM_SCHEMA = 'platform';
export const platformMigrations: readonly SchemaMigration[] = [platformInitial, platformExtensions, platformAccessLog, platformVatRates, platformJobs, platformIncidents, platformErasureLedger, platformConsentLedger, platformAccessLogJournal, platformRoleGrants, platformPasswordReset, platformIncidentNotices, platformTenantPaymentAccount, platformLeaving, platformSpareSchemas];
