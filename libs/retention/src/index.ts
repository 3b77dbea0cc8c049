export * from './retention.module';
export * from './retention.service';
export * from './scheduled-jobs';
export * from './leaving.service';
