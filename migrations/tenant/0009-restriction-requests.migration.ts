// Requests to restrict processing (GDPR Art. 18) join the other data-subject requests: the customer asks for
// one in the portal, staff verify and decide it like the others.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantRestrictionRequests: SchemaMigration = {
  name: '0009-restriction-requests',
  async up(db: MigrationContext) {
    await db.execute(`alter table data_subject_request drop constraint data_subject_request_type_check`);
    await db.execute(
      `alter table data_subject_request add constraint data_subject_request_type_check check (type in ('access', 'rectification', 'erasure', 'restriction', 'objection'))`,
    );
  },
};
