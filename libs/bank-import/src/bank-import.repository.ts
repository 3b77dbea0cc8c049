// The bank import's own tables (bank_import, bank_entry) in the tenant's schema; nothing else reads them.
import { Injectable } from '@nestjs/common';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor } from '@app/core';
import { TenantContext } from '@app/tenancy';

const UNIQUE_VIOLATION = '23505';

/** A unique violation (at commit, or from raw SQL): the same file or payment was booked by another request meanwhile. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof UniqueConstraintViolationException || (error as { code?: string })?.code === UNIQUE_VIOLATION;
}

export type EntryStatus = 'matched' | 'overpaid' | 'unmatched' | 'duplicate';

export interface EntryRow {
  id: string;
  position: number;
  line: number;
  archiveId: string;
  amountCents: number;
  currency: string;
  bookedOn: string;
  reference: string | null;
  payerName: string | null;
  status: EntryStatus;
  reason: string | null;
  invoiceId: string | null;
  invoiceNumber: number | null;
  bookedCents: number;
  openCents: number;
  duplicateOf: string | null;
}

export interface StoredEntry extends EntryRow {
  importId: string;
  duplicate: { entryId: string; importId: string; fileName: string } | null;
  resolution: { kind: 'assigned' | 'noted'; note: string | null; invoiceId: string | null; invoiceNumber: number | null; resolvedAt: Date } | null;
}

export interface StoredImport {
  id: string;
  fileName: string;
  format: string;
  importedAt: Date;
  summary: { total: number; matched: number; overpaid: number; unmatched: number; duplicate: number; open: number; bookedCents: number; openCents: number };
}

const ENTRY_COLUMNS = `e.id, e.import_id, e.position, e.line, e.archive_id, e.amount_cents, e.currency, e.booked_on::text as booked_on, e.reference,
  e.payer_name, e.status, e.reason, e.invoice_id, e.invoice_number, e.booked_cents, e.open_cents, e.duplicate_of,
  d.import_id as duplicate_import_id, di.file_name as duplicate_file_name,
  e.resolution, e.resolution_note, e.resolved_invoice_id, e.resolved_invoice_number, e.resolved_at`;

const OPEN = `e.status in ('unmatched', 'overpaid') and e.resolved_at is null`;

type Row = Record<string, string | number | Date | null>;

@Injectable()
export class BankImportRepository {
  constructor(private readonly context: TenantContext) {}

  private t(name: string): string {
    return this.context.table(name);
  }

  /**
   * Runs fn in the open transaction on an empty unit of work: billing books each entry of a file on its own, so
   * that a flush never carries every invoice and payment of the file before it.
   */
  withEmptyUnitOfWork<T>(fn: () => Promise<T>): Promise<T> {
    return this.context.withEmptyUnitOfWork(fn);
  }

  async findByHash(sha256: string): Promise<{ id: string; fileName: string; importedAt: Date } | null> {
    const [row] = await this.context.sql<Row>(`select id, file_name, imported_at from ${this.t('bank_import')} where file_sha256 = $1`, [sha256]);
    return row ? { id: String(row.id), fileName: String(row.file_name), importedAt: new Date(row.imported_at as string) } : null;
  }

  /** Entries that booked (or listed) these archive ids before: a payment is never booked twice. */
  async earlierEntries(archiveIds: string[]): Promise<Map<string, string>> {
    if (archiveIds.length === 0) return new Map();
    const rows = await this.context.sql<Row>(`select archive_id, id from ${this.t('bank_entry')} where status <> 'duplicate' and archive_id in (select jsonb_array_elements_text($1::jsonb))`, [
      JSON.stringify(archiveIds),
    ]);
    return new Map(rows.map((r) => [String(r.archive_id), String(r.id)]));
  }

  async insertImport(row: { id: string; fileName: string; format: string; sha256: string; importedBy: string; importedAt: Date }): Promise<void> {
    await this.context.sql(`insert into ${this.t('bank_import')} (id, file_name, format, file_sha256, imported_by, imported_at) values ($1, $2, $3, $4, $5, $6)`, [
      row.id,
      row.fileName,
      row.format,
      row.sha256,
      row.importedBy,
      row.importedAt,
    ]);
  }

  async insertEntries(importId: string, rows: EntryRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = chunk
        .map((_, k) => {
          const $ = (n: number) => `$${k * 17 + n}`;
          return `(${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}, ${$(7)}, ${$(8)}::date, ${$(9)}, ${$(10)}, ${$(11)}, ${$(12)}, ${$(13)}, ${$(14)}, ${$(15)}, ${$(16)}, ${$(17)})`;
        })
        .join(', ');
      await this.context.sql(
        `insert into ${this.t('bank_entry')} (id, import_id, position, line, archive_id, amount_cents, currency, booked_on, reference, payer_name,
           status, reason, invoice_id, invoice_number, booked_cents, open_cents, duplicate_of) values ${values}`,
        chunk.flatMap((r) => [r.id, importId, r.position, r.line, r.archiveId, r.amountCents, r.currency, r.bookedOn, r.reference, r.payerName, r.status, r.reason, r.invoiceId, r.invoiceNumber, r.bookedCents, r.openCents, r.duplicateOf]),
      );
    }
  }

  async getImport(id: string): Promise<StoredImport | null> {
    const [row] = await this.context.sql<Row>(this.importSelect('where i.id = $1'), [id]);
    return row ? toImport(row) : null;
  }

  async listImports(limit: number, cursor?: string): Promise<{ items: StoredImport[]; nextCursor: string | null }> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await this.context.sql<Row>(
      `${this.importSelect(after ? 'where (i.imported_at, i.id) < ($1, $2)' : '')} order by i.imported_at desc, i.id desc limit $${after ? 3 : 1}`,
      after ? [after.at, after.id, limit + 1] : [limit + 1],
    );
    const items = rows.slice(0, limit).map(toImport);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor({ at: last.importedAt, id: last.id }) : null };
  }

  async entriesOf(importId: string): Promise<StoredEntry[]> {
    const rows = await this.context.sql<Row>(`${this.entrySelect()} where e.import_id = $1 order by e.position`, [importId]);
    return rows.map(toEntry);
  }

  /** Entries across imports, oldest booking first; `open` leaves only those waiting for a person. */
  async listEntries(open: boolean, limit: number, offset: number): Promise<{ items: StoredEntry[]; nextOffset: number | null }> {
    const rows = await this.context.sql<Row>(`${this.entrySelect()} ${open ? `where ${OPEN}` : ''} order by e.booked_on, e.id limit $1 offset $2`, [limit + 1, offset]);
    return { items: rows.slice(0, limit).map(toEntry), nextOffset: rows.length > limit ? offset + limit : null };
  }

  async getEntry(id: string, lock = false): Promise<StoredEntry | null> {
    const [row] = await this.context.sql<Row>(`${this.entrySelect()} where e.id = $1${lock ? ' for update of e' : ''}`, [id]);
    return row ? toEntry(row) : null;
  }

  async resolve(id: string, r: { kind: 'assigned' | 'noted'; note: string | null; invoiceId: string | null; invoiceNumber: number | null; actor: string; at: Date; bookedCents: number }): Promise<void> {
    await this.context.sql(
      `update ${this.t('bank_entry')} set resolution = $1, resolution_note = $2, resolved_invoice_id = $3, resolved_invoice_number = $4, resolved_by = $5, resolved_at = $6,
         booked_cents = booked_cents + $7, open_cents = 0 where id = $8`,
      [r.kind, r.note, r.invoiceId, r.invoiceNumber, r.actor, r.at, r.bookedCents, id],
    );
  }

  /**
   * Retention, in the caller's transaction: entries booked in a year whose accounting period is over (the end of
   * that year plus `retentionYears`, as for invoices) with the payer names they hold, then the imports left empty
   * whose own year is over too. Returns the imports deleted, for the audit trail, and the entries counted.
   */
  async purgeExpired(today: string, retentionYears: number): Promise<{ entries: number; importIds: string[] }> {
    const over = (column: string) => `make_date(extract(year from ${column})::int + $1::int, 12, 31) < $2::date`;
    const entries = await this.context.sql(`delete from ${this.t('bank_entry')} where ${over('booked_on')} returning 1`, [retentionYears, today]);
    // Found first, deleted by id: Citus deparses a DELETE with NOT EXISTS into SQL its workers cannot parse.
    const emptied = await this.context.sql<{ id: string }>(
      `select i.id from ${this.t('bank_import')} i left join ${this.t('bank_entry')} e on e.import_id = i.id
        where e.id is null and ${over("i.imported_at at time zone 'Europe/Helsinki'")}`,
      [retentionYears, today],
    );
    const imports = emptied.length
      ? await this.context.sql<{ id: string }>(`delete from ${this.t('bank_import')} where id in (select (jsonb_array_elements_text($1::jsonb))::uuid) returning id`, [JSON.stringify(emptied.map((r) => r.id))])
      : [];
    return { entries: entries.length, importIds: imports.map((r) => r.id) };
  }

  /** Entries booked to these invoices (an access export shows the person the payments made for them). */
  async entriesForInvoices(invoiceIds: string[]): Promise<StoredEntry[]> {
    if (invoiceIds.length === 0) return [];
    const rows = await this.context.sql<Row>(
      `${this.entrySelect()} where e.status <> 'duplicate' and (e.invoice_id in (select (jsonb_array_elements_text($1::jsonb))::uuid) or e.resolved_invoice_id in (select (jsonb_array_elements_text($1::jsonb))::uuid)) order by e.booked_on, e.id`,
      [JSON.stringify(invoiceIds)],
    );
    return rows.map(toEntry);
  }

  private importSelect(where: string): string {
    return `select i.id, i.file_name, i.format, i.imported_at,
        count(e.id) as total,
        count(e.id) filter (where e.status = 'matched') as matched,
        count(e.id) filter (where e.status = 'overpaid') as overpaid,
        count(e.id) filter (where e.status = 'unmatched') as unmatched,
        count(e.id) filter (where e.status = 'duplicate') as duplicate,
        count(e.id) filter (where ${OPEN}) as open,
        coalesce(sum(e.booked_cents), 0) as booked_cents,
        coalesce(sum(e.open_cents) filter (where ${OPEN}), 0) as open_cents
      from ${this.t('bank_import')} i left join ${this.t('bank_entry')} e on e.import_id = i.id
      ${where}
      group by i.id`;
  }

  private entrySelect(): string {
    return `select ${ENTRY_COLUMNS} from ${this.t('bank_entry')} e
      left join ${this.t('bank_entry')} d on d.id = e.duplicate_of
      left join ${this.t('bank_import')} di on di.id = d.import_id`;
  }
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toImport(r: Row): StoredImport {
  return {
    id: String(r.id),
    fileName: String(r.file_name),
    format: String(r.format),
    importedAt: new Date(r.imported_at as string),
    summary: {
      total: Number(r.total),
      matched: Number(r.matched),
      overpaid: Number(r.overpaid),
      unmatched: Number(r.unmatched),
      duplicate: Number(r.duplicate),
      open: Number(r.open),
      bookedCents: Number(r.booked_cents),
      openCents: Number(r.open_cents),
    },
  };
}

function toEntry(r: Row): StoredEntry {
  return {
    id: String(r.id),
    importId: String(r.import_id),
    position: Number(r.position),
    line: Number(r.line),
    archiveId: String(r.archive_id),
    amountCents: Number(r.amount_cents),
    currency: String(r.currency),
    bookedOn: String(r.booked_on),
    reference: (r.reference as string | null) ?? null,
    payerName: (r.payer_name as string | null) ?? null,
    status: r.status as EntryStatus,
    reason: (r.reason as string | null) ?? null,
    invoiceId: (r.invoice_id as string | null) ?? null,
    invoiceNumber: num(r.invoice_number),
    bookedCents: Number(r.booked_cents),
    openCents: Number(r.open_cents),
    duplicateOf: (r.duplicate_of as string | null) ?? null,
    duplicate: r.duplicate_of ? { entryId: String(r.duplicate_of), importId: String(r.duplicate_import_id), fileName: String(r.duplicate_file_name) } : null,
    resolution: r.resolution
      ? { kind: r.resolution as 'assigned' | 'noted', note: (r.resolution_note as string | null) ?? null, invoiceId: (r.resolved_invoice_id as string | null) ?? null, invoiceNumber: num(r.resolved_invoice_number), resolvedAt: new Date(r.resolved_at as string) }
      : null,
  };
}
