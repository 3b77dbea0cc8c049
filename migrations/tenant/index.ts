import type { SchemaMigration } from '@app/database';
import { tenantStaff } from './0001-staff.migration';

export const tenantMigrations: readonly SchemaMigration[] = [tenantStaff];
