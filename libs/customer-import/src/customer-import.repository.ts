// The uploaded files between upload and import, and the mapping each tenant last used. Writes that report
// progress go straight to the pool (autocommit), so that a reader sees them while the import's own
// transaction is still open.
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL, quoteIdent } from '@app/database';
import { TenantContext } from '@app/tenancy';
import type { CsvEncoding, CsvSeparator } from './csv-file';
import type { Mapping } from './import-rows';

export interface ImportRecord {
  id: string;
  createdBy: string;
  createdAt: Date;
  fileName: string;
  encoding: CsvEncoding;
  separator: CsvSeparator;
  header: string[];
  rowCount: number;
  content: string | null;
  state: 'uploaded' | 'importing' | 'imported' | 'failed';
  processed: number;
  result: ImportResult | null;
}

export interface ImportResult {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  consents: number;
  /** The lines of the file whose rows were not imported because of errors. */
  failedLines: number[];
}

const COLUMNS = `id, created_by as "createdBy", created_at as "createdAt", file_name as "fileName", encoding, separator, header,
  row_count as "rowCount", content, state, processed, result`;

@Injectable()
export class CustomerImportRepository {
  constructor(
    private readonly context: TenantContext,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async insert(record: Omit<ImportRecord, 'state' | 'processed' | 'result'>): Promise<void> {
    await this.pool.query(
      `insert into ${this.table('customer_import')} (id, created_by, created_at, file_name, encoding, separator, header, row_count, content)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [record.id, record.createdBy, record.createdAt, record.fileName, record.encoding, record.separator, record.header, record.rowCount, record.content],
    );
  }

  /** Files uploaded and never imported are personal data with no purpose after a day. */
  async purgeAbandoned(before: Date): Promise<void> {
    await this.pool.query(`delete from ${this.table('customer_import')} where state = 'uploaded' and created_at < $1`, [before]);
  }

  async find(id: string): Promise<ImportRecord | null> {
    const { rows } = await this.pool.query<ImportRecord>(`select ${COLUMNS} from ${this.table('customer_import')} where id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Takes the file for importing; false when it is already being imported or was imported. */
  async claim(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`update ${this.table('customer_import')} set state = 'importing', processed = 0 where id = $1 and state = 'uploaded'`, [id]);
    return rowCount === 1;
  }

  async release(id: string): Promise<void> {
    await this.pool.query(`update ${this.table('customer_import')} set state = 'uploaded', processed = 0 where id = $1 and state = 'importing'`, [id]);
  }

  async progress(id: string, processed: number): Promise<void> {
    await this.pool.query(`update ${this.table('customer_import')} set processed = $2 where id = $1`, [id, processed]);
  }

  /** Done, in the import's transaction: the result kept, the file's content dropped. */
  async finish(id: string, processed: number, result: ImportResult): Promise<void> {
    await this.context.sql(`update ${this.table('customer_import')} set state = 'imported', content = null, processed = $1, result = $2::jsonb where id = $3`, [
      processed,
      JSON.stringify(result),
      id,
    ]);
  }

  async rememberedMapping(): Promise<Mapping> {
    const { rows } = await this.pool.query<{ mapping: Mapping }>(`select mapping from ${this.table('customer_import_mapping')}`);
    return rows[0]?.mapping ?? {};
  }

  /** The columns of this mapping are remembered by name; columns of earlier files keep what was chosen for them. */
  async remember(mapping: Mapping, at: Date): Promise<void> {
    // The time comes as a value: Citus refuses now() (not immutable) in an upsert's DO UPDATE on a distributed table.
    await this.pool.query(
      `insert into ${this.table('customer_import_mapping')} (mapping, updated_at) values ($1::jsonb, $2)
       on conflict (singleton) do update set mapping = customer_import_mapping.mapping || excluded.mapping, updated_at = excluded.updated_at`,
      [JSON.stringify(mapping), at],
    );
  }

  private table(name: string): string {
    return `${quoteIdent(this.context.tenant.schema)}.${name}`;
  }
}
