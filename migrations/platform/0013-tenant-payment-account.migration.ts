// The account a tenant's invoices are paid to (issue 15: invoices people can pay): IBAN and BIC beside the
// legal identity the invoice names as the seller. Null until the owner sets them; the app validates the
// IBAN's check digits, the constraints here keep the shapes.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const platformTenantPaymentAccount: SchemaMigration = {
  name: '0013-tenant-payment-account',
  async up(db: MigrationContext) {
    await db.execute(`
      alter table tenant
        add column iban text check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        add column bic text check (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$')`);
  },
};
