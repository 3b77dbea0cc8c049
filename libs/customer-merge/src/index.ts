export * from './customer-merge.module';
export * from './customer-merge.service';
export { CUSTOMER_REFERENCES } from './customer-merge.repository';
