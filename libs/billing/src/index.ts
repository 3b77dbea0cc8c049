import { Invoice, InvoiceLine, Payment } from './invoice.entity';

export * from './billing.module';
export * from './billing.service';
export { InvoiceRemindersService, REMINDER_TOPIC } from './reminders.service';
export type { InvoiceView } from './invoice.view';

/** For the ORM's entity list only; other modules go through the service. */
export { InvoiceDto } from './dto/invoice-view.dto';
export const billingEntities = [Invoice, InvoiceLine, Payment];
export { billingErasure } from './billing.repository';
