export * from './bank-import.module';
export * from './bank-import.service';
