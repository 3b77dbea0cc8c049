// Importing customers from a CSV file: upload (read and kept until imported), preview (each row checked by the
// register's rules, duplicates found by e-mail or phone in the register and earlier in the file), and the import
// itself in one transaction of the tenant's schema, with progress readable while it runs.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Actor, actorKey, Clock, type FieldError, NotFoundProblem, ValidationProblem } from '@app/core';
import { CustomerBulkService, type CustomerFields } from '@app/customers';
import { ConsentService, type Purpose } from '@app/consent';
import { TenantContext } from '@app/tenancy';
import { CsvFileError, readCsv, type CsvFile } from './csv-file';
import { CustomerImportErrorCode, CustomerImportException } from './customer-import.errors';
import { CustomerImportRepository, type ImportRecord, type ImportResult } from './customer-import.repository';
import { IMPORT_FIELDS, type ImportRow, type Mapping, mappingErrors, readRow, suggestMapping } from './import-rows';
import type { CommitImportDto, DuplicateMode, ImportOptionsDto } from './dto/customer-import.dto';

const MAX_BYTES = 10 * 1024 * 1024;
const MAX_ROWS = 50_000;
const PREVIEW_ROWS = 500;
const BATCH = 1000;
const ABANDONED_AFTER_MS = 24 * 3600 * 1000;

export type RowAction = 'create' | 'update' | 'skip' | 'error';

export interface PlannedRow extends ImportRow {
  action: RowAction;
  /** The customer written: a new id for `create`, the matched one for `update`. */
  targetId: string | null;
  duplicateOf: { by: 'email' | 'phone'; customerId: string | null; line: number | null } | null;
}

export interface ImportFileView {
  id: string;
  fileName: string;
  encoding: string;
  separator: string;
  header: string[];
  rowCount: number;
  sample: string[][];
  mapping: Mapping;
  fields: string[];
  state: ImportRecord['state'];
  processed: number;
  result: ImportResult | null;
}

@Injectable()
export class CustomerImportService {
  constructor(
    private readonly context: TenantContext,
    private readonly repository: CustomerImportRepository,
    private readonly customers: CustomerBulkService,
    private readonly consent: ConsentService,
    private readonly clock: Clock,
  ) {}

  async upload(actor: Actor, fileName: string, base64: string): Promise<ImportFileView> {
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length > MAX_BYTES) throw new CustomerImportException(CustomerImportErrorCode.FileTooLarge, `At most ${MAX_BYTES / 1024 / 1024} MB; split the file.`);
    const file = this.read(bytes);
    if (file.rows.length > MAX_ROWS) throw new CustomerImportException(CustomerImportErrorCode.FileTooLarge, `At most ${MAX_ROWS} rows at once; this file has ${file.rows.length}.`);
    const now = this.clock.now();
    await this.repository.purgeAbandoned(new Date(now.getTime() - ABANDONED_AFTER_MS));
    const id = randomUUID();
    // The decoded text is kept (re-read for the preview and the import): the encoding question is settled once.
    const content = new TextDecoder(file.encoding).decode(bytes.subarray(file.encoding === 'utf-8' && bytes[0] === 0xef ? 3 : 0));
    await this.repository.insert({ id, createdBy: actorKey(actor), createdAt: now, fileName, encoding: file.encoding, separator: file.separator, header: file.header, rowCount: file.rows.length, content });
    return this.view((await this.repository.find(id))!, file);
  }

  /** The file's state (read every half second while importing: the file itself is not read again here). */
  async get(id: string): Promise<ImportFileView> {
    return this.view(await this.find(id));
  }

  async preview(id: string, options: ImportOptionsDto): Promise<{ total: number; rows: PlannedRow[] } & Record<RowAction, number>> {
    const record = await this.find(id);
    const planned = await this.plan(record, options);
    await this.repository.remember(options.mapping, this.clock.now());
    const counts = { create: 0, update: 0, skip: 0, error: 0 };
    for (const row of planned) counts[row.action]++;
    const attention = planned.filter((r) => r.action !== 'create');
    const rows = [...attention.slice(0, PREVIEW_ROWS), ...planned.filter((r) => r.action === 'create').slice(0, Math.max(0, PREVIEW_ROWS - attention.length))].sort((a, b) => a.line - b.line);
    return { total: planned.length, ...counts, rows };
  }

  /**
   * Writes the rows without errors (all rows, or none when `allOrNothing` and any has one) in one transaction:
   * new customers, updated ones, consent from the consent columns (channel `import`), the audit trail. The plan
   * is made again here: the register may have changed since the preview.
   */
  async commit(actor: Actor, id: string, options: CommitImportDto): Promise<ImportResult> {
    const record = await this.find(id);
    if (record.state !== 'uploaded' || record.content === null) throw new CustomerImportException(CustomerImportErrorCode.AlreadyImported);
    const planned = await this.plan(record, options);
    const failed = planned.filter((r) => r.action === 'error');
    if (options.allOrNothing && failed.length > 0) {
      throw new CustomerImportException(CustomerImportErrorCode.RowsHaveErrors, `${failed.length} of ${planned.length} rows have errors (first on line ${failed[0].line}).`, {
        errors: failed.slice(0, 50).flatMap((r) => r.errors.map((e) => ({ field: `line ${r.line}: ${e.field}`, message: e.message }))),
      });
    }
    if (!(await this.repository.claim(id))) throw new CustomerImportException(CustomerImportErrorCode.AlreadyImported);
    try {
      return await this.write(actor, id, planned);
    } catch (error) {
      await this.repository.release(id);
      throw error;
    }
  }

  private async write(actor: Actor, id: string, planned: PlannedRow[]): Promise<ImportResult> {
    const at = this.clock.now();
    const creates = new Map<string, CustomerFields>();
    const updates = new Map<string, CustomerFields>();
    const grants = new Map<string, Set<Purpose>>();
    // Later lines for the same customer fold into the earlier ones (their fields win), so each customer is
    // written once: created with everything the file says, or updated with it.
    for (const row of planned) {
      if (row.action !== 'create' && row.action !== 'update') continue;
      const target = row.targetId!;
      const into = creates.has(target) || row.action === 'create' ? creates : updates;
      into.set(target, { ...into.get(target), ...row.data });
      if (row.consents.length) grants.set(target, new Set([...(grants.get(target) ?? []), ...row.consents]));
    }
    const result: ImportResult = {
      created: creates.size,
      updated: updates.size,
      skipped: planned.filter((r) => r.action === 'skip').length,
      failed: planned.filter((r) => r.action === 'error').length,
      consents: 0,
      failedLines: planned.filter((r) => r.action === 'error').map((r) => r.line),
    };
    await this.context.transaction(async () => {
      let processed = 0;
      const created = [...creates].map(([targetId, data]) => ({ id: targetId, data }));
      for (let i = 0; i < created.length; i += BATCH) {
        await this.customers.insertMany(actor, created.slice(i, i + BATCH), at, 'customer.imported');
        processed += Math.min(BATCH, created.length - i);
        await this.repository.progress(id, processed);
      }
      const updated = [...updates].map(([targetId, data]) => ({ id: targetId, data }));
      for (let i = 0; i < updated.length; i += BATCH) {
        await this.customers.updateMany(actor, updated.slice(i, i + BATCH), at, 'customer.updated_by_import');
        processed += Math.min(BATCH, updated.length - i);
        await this.repository.progress(id, processed);
      }
      const consentGrants = [...grants].flatMap(([customerId, purposes]) => [...purposes].map((purpose) => ({ customerId, purpose })));
      for (let i = 0; i < consentGrants.length; i += BATCH * 5) result.consents += await this.consent.recordImported(actor, consentGrants.slice(i, i + BATCH * 5), at);
      await this.repository.finish(id, processed, result);
    });
    return result;
  }

  /** Each row's verdict: its errors, or whether it creates a customer, updates one, or is left out as a duplicate. */
  async plan(record: ImportRecord, options: ImportOptionsDto): Promise<PlannedRow[]> {
    if (record.content === null) throw new CustomerImportException(CustomerImportErrorCode.AlreadyImported);
    const errors = mappingErrors(record.header, options.mapping);
    if (errors.length) throw new ValidationProblem(errors);
    const rows = this.checkedRows(record, options.mapping);
    const valid = rows.filter((r) => r.errors.length === 0);
    const existing = await this.customers.matching(
      [...new Set(valid.flatMap((r) => (r.data.email ? [r.data.email] : [])))],
      [...new Set(valid.flatMap((r) => (r.data.phone ? [r.data.phone] : [])))],
    );
    const byEmail = new Map(existing.filter((c) => c.email).map((c) => [c.email!, c.id]));
    const byPhone = new Map(existing.filter((c) => c.phone).map((c) => [c.phone!, c.id]));
    return planRows(rows, byEmail, byPhone, options.duplicates, new Set(existing.filter((c) => c.restricted).map((c) => c.id)));
  }

  /**
   * Each row read through the mapping and checked. Checking is most of an import's CPU (10 000 phones and
   * e-mails), and its outcome depends only on the file and the mapping: the preview's result is kept for the
   * import that follows it (a few files, ten minutes). Duplicates are looked for again each time.
   */
  private checkedRows(record: ImportRecord, mapping: Mapping): ImportRow[] {
    const key = `${this.context.tenant.schema}:${record.id}:${JSON.stringify(Object.entries(mapping).sort())}`;
    const cached = this.checked.get(key);
    if (cached && cached.until > Date.now()) return cached.rows;
    const file = this.read(Buffer.from(record.content!, 'utf8'));
    const rows = file.rows.map((r) => readRow(r.line, r.cells, file.header, mapping, { asNew: false }));
    for (const [k, v] of this.checked) if (v.until <= Date.now()) this.checked.delete(k);
    if (this.checked.size >= 4) this.checked.delete(this.checked.keys().next().value!);
    this.checked.set(key, { rows, until: Date.now() + 10 * 60_000 });
    return rows;
  }

  private readonly checked = new Map<string, { rows: ImportRow[]; until: number }>();

  private read(bytes: Buffer): CsvFile {
    try {
      return readCsv(bytes);
    } catch (error) {
      if (error instanceof CsvFileError) throw CustomerImportException.unreadable(error.reason, error.line, error.column);
      throw error;
    }
  }

  private async find(id: string): Promise<ImportRecord> {
    const record = await this.repository.find(id);
    if (!record) throw new NotFoundProblem('import');
    return record;
  }

  private async view(record: ImportRecord, file?: CsvFile): Promise<ImportFileView> {
    return {
      id: record.id,
      fileName: record.fileName,
      encoding: record.encoding,
      separator: record.separator,
      header: record.header,
      rowCount: record.rowCount,
      sample: file ? file.rows.slice(0, 5).map((r) => r.cells) : [],
      mapping: suggestMapping(record.header, await this.repository.rememberedMapping()),
      fields: [...IMPORT_FIELDS],
      state: record.state,
      processed: record.processed,
      result: record.result,
    };
  }
}

const HAS_NAME: (keyof CustomerFields)[] = ['companyName', 'contactName', 'billingFirstName', 'billingLastName'];

/**
 * Duplicates, in the file's order: a row whose e-mail or phone belongs to a customer of the register, or to a
 * row above it, is that customer's (skipped, or written over it). A row pointing at two different customers
 * (its e-mail one's, its phone another's) is an error: which one it means is for a person to say.
 */
export function planRows(rows: ImportRow[], byEmail: Map<string, string>, byPhone: Map<string, string>, mode: DuplicateMode, restricted: ReadonlySet<string> = new Set()): PlannedRow[] {
  const seenEmail = new Map<string, { line: number; targetId: string }>();
  const seenPhone = new Map<string, { line: number; targetId: string }>();
  return rows.map((row): PlannedRow => {
    if (row.errors.length) return { ...row, action: 'error', targetId: null, duplicateOf: null };
    const { email, phone } = row.data;
    const matches: { by: 'email' | 'phone'; customerId: string | null; line: number | null; targetId: string }[] = [];
    const inRegister = (by: 'email' | 'phone', id?: string) => id && matches.push({ by, customerId: id, line: null, targetId: id });
    const inFile = (by: 'email' | 'phone', seen?: { line: number; targetId: string }) => seen && matches.push({ by, customerId: null, line: seen.line, targetId: seen.targetId });
    // An earlier line of the file first (it may be a customer this import creates), else the register.
    if (email && !inFile('email', seenEmail.get(email))) inRegister('email', byEmail.get(email));
    if (phone && !inFile('phone', seenPhone.get(phone))) inRegister('phone', byPhone.get(phone));
    const targets = new Set(matches.map((m) => m.targetId));
    if (targets.size > 1) {
      const conflict: FieldError = { field: 'email', message: 'the e-mail address and the phone number belong to two different customers' };
      return { ...row, errors: [conflict], action: 'error', targetId: null, duplicateOf: null };
    }
    const match = matches[0];
    let action: RowAction;
    let targetId: string;
    if (match) {
      targetId = match.targetId;
      action = mode === 'update' ? 'update' : 'skip';
      // Processing restricted (Art. 18): the record is only stored, so an update of it is this row's error.
      if (action === 'update' && restricted.has(targetId)) {
        const refused: FieldError = { field: match.by, message: 'processing of this customer is restricted (GDPR Art. 18): the row cannot update it' };
        return { ...row, errors: [refused], action: 'error', targetId: null, duplicateOf: null };
      }
    } else {
      if (!HAS_NAME.some((key) => row.data[key])) {
        return { ...row, errors: [{ field: 'name', message: 'a customer needs a name: company, contact person, or billing name' }], action: 'error', targetId: null, duplicateOf: null };
      }
      targetId = randomUUID();
      action = 'create';
    }
    if (email && !seenEmail.has(email)) seenEmail.set(email, { line: row.line, targetId });
    if (phone && !seenPhone.has(phone)) seenPhone.set(phone, { line: row.line, targetId });
    return { ...row, action, targetId, duplicateOf: match ? { by: match.by, customerId: match.customerId, line: match.line } : null };
  });
}
