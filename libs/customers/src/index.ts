import { Customer } from './customer.entity';

export * from './customers.module';
export * from './customers.service';
export { toE164 } from './phone';
export * from './customer-bulk.service';
export { CustomersErrorCode, CustomersException } from './customers.errors';
export { checkCustomerFields, CUSTOMER_FIELDS, type CustomerField, type CustomerFields } from './customer-fields';
export { CreateCustomerDto, UpdateCustomerDto } from './dto/customer.dto';

/** For the ORM's entity list only; other modules go through the service. */
export { AuditEntryDto, CustomerDto, CustomerRestrictionDto } from './dto/customer-view.dto';
export const customersEntities = [Customer];
export { customersErasure } from './customers.repository';
