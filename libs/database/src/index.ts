export * from './embedded-postgres';
export * from './schema-migrator';
export * from './database.module';
export * from './resolve-database';
export * from './bound-sql';
export * from './database-health';
export * from './pool-guard';
export * from './database-context';
