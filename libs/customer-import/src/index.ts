export * from './customer-import.module';
export * from './customer-import.service';
export { readCsv, CsvFileError } from './csv-file';
