import type { SchemaMigration } from '@app/database';
import { tenantStaff } from './0001-staff.migration';
import { tenantCustomers } from './0002-customers.migration';

export const tenantMigrations: readonly SchemaMigration[] = [tenantStaff, tenantCustomers];
