// Single-use links to an access export (GDPR Art. 15(3)): for a person without portal access, the completed
// access request's mail carries a link that streams the export once and expires. Only the token's SHA-256 is
// kept; the row goes with its request.
import type { MigrationContext, SchemaMigration } from '@app/database';

export const tenantRequestExportLinks: SchemaMigration = {
  name: '0020-request-export-links',
  async up(db: MigrationContext) {
    await db.execute(`
      create table request_export_link (
        id uuid not null,
        request_id uuid not null,
        token_hash text not null,
        created_at timestamptz(3) not null,
        expires_at timestamptz(3) not null,
        used_at timestamptz(3),
        created_by text not null
      )`);
    await db.execute(`alter table request_export_link add constraint request_export_link_pkey primary key (id)`);
    await db.execute(`alter table request_export_link add constraint request_export_link_token_hash_key unique (token_hash)`);
    await db.execute(`alter table request_export_link add constraint request_export_link_request_id_fkey foreign key (request_id) references data_subject_request (id) on delete cascade`);
    await db.execute(`create index request_export_link_request_idx on request_export_link (request_id)`);
  },
};
