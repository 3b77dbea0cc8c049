export * from './test-context';
export * from './test-database';
export * from './smtp-sink';
export * from './pdf-text';
export * from './service-context';
