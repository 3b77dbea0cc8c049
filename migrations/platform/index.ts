import type { SchemaMigration } from '@app/database';
import { platformInitial } from './0001-initial.migration';
import { platformExtensions } from './0002-extensions.migration';

export const PLATFORM_SCHEMA = 'platform';
export const platformMigrations: readonly SchemaMigration[] = [platformInitial, platformExtensions];
