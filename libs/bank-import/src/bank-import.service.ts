// Payments from the bank: a statement file is read, each incoming payment matched to an invoice by its
// reference and booked through billing, all in one transaction per file; what cannot be booked is listed
// for a person to resolve. A file, and a payment, are booked once.
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { type Actor, actorKey, Clock, NotFoundProblem, requireAccess, ValidationProblem } from '@app/core';
import { AuditTrailService, TenantContext } from '@app/tenancy';
import { BillingService, type InvoiceByReference } from '@app/billing';
import { BankImportErrorCode, BankImportException } from './bank-import.errors';
import { BankImportRepository, type EntryRow, isUniqueViolation, type StoredEntry, type StoredImport } from './bank-import.repository';
import { BankFileError, parseBankFile, UnknownFormat, type ParsedEntry, type ParsedFile } from './parsers';
import { matchKey } from './reference';
import { MAX_FILE_BYTES, type AssignBankEntryDto, type ImportBankFileDto, type ListBankEntriesQuery, type ResolveBankEntryDto } from './dto/bank-import.dto';

export interface BankEntryView {
  id: string;
  importId: string;
  line: number;
  archiveId: string;
  amountCents: number;
  currency: string;
  bookedOn: string;
  reference: string | null;
  payerName: string | null;
  status: string;
  reason: string | null;
  invoice: { id: string; number: number } | null;
  bookedCents: number;
  openCents: number;
  open: boolean;
  duplicateOf: { entryId: string; importId: string; fileName: string } | null;
  resolution: { kind: 'assigned' | 'noted'; note: string | null; invoice: { id: string; number: number } | null; resolvedAt: string } | null;
}

export interface BankImportView {
  id: string;
  fileName: string;
  format: string;
  importedAt: string;
  summary: StoredImport['summary'];
}

export type BankImportDetail = BankImportView & { entries: BankEntryView[] };

/** One bank entry as the person it concerns sees it in their access export. */
export interface BankPaymentForExport {
  bookedOn: string;
  amountCents: number;
  currency: string;
  payerName: string | null;
  reference: string | null;
  archiveId: string;
  invoiceNumber: number | null;
}

@Injectable()
export class BankImportService {
  constructor(
    private readonly context: TenantContext,
    private readonly repository: BankImportRepository,
    private readonly billing: BillingService,
    private readonly audit: AuditTrailService,
    private readonly clock: Clock,
  ) {}

  /** The owner's (as every write here): a statement shows every payment into the account, and one file books many. */
  async importFile(actor: Actor, dto: ImportBankFileDto): Promise<BankImportDetail> {
    const owner = requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: this.context.tenant.tenantId });
    const by = actorKey(owner);
    const bytes = Buffer.from(dto.contentBase64, 'base64');
    if (bytes.length === 0) throw new ValidationProblem([{ field: 'contentBase64', message: 'the file is empty' }]);
    if (bytes.length > MAX_FILE_BYTES) throw new ValidationProblem([{ field: 'contentBase64', message: `a bank file may be at most ${MAX_FILE_BYTES} bytes` }]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const earlier = await this.repository.findByHash(sha256);
    if (earlier) throw alreadyImported(earlier);
    const file = this.parse(bytes);
    const id = randomUUID();
    const importedAt = this.clock.now();
    try {
      await this.context.transaction(async () => {
        await this.repository.insertImport({ id, fileName: dto.fileName.trim() || 'bank-file', format: file.format, sha256, importedBy: by, importedAt });
        const rows = await this.book(owner, file.entries);
        await this.repository.insertEntries(id, rows);
        this.audit.record({ actor: by, action: 'bank_import.imported', subjectType: 'bank_import', subjectId: id, fields: ['entries', 'payments'] });
      });
    } catch (error) {
      throw await this.conflictOf(error, sha256);
    }
    return this.get(id);
  }

  async get(id: string): Promise<BankImportDetail> {
    const found = await this.repository.getImport(id);
    if (!found) throw new NotFoundProblem('bank import');
    const entries = await this.repository.entriesOf(id);
    return { ...importView(found), entries: entries.map(entryView) };
  }

  async list(limit = 50, cursor?: string): Promise<{ items: BankImportView[]; nextCursor: string | null }> {
    const page = await this.repository.listImports(limit, cursor);
    return { items: page.items.map(importView), nextCursor: page.nextCursor };
  }

  async listEntries(query: ListBankEntriesQuery): Promise<{ items: BankEntryView[]; nextOffset: number | null }> {
    const page = await this.repository.listEntries((query.show ?? 'open') === 'open', query.limit ?? 50, query.offset ?? 0);
    return { items: page.items.map(entryView), nextOffset: page.nextOffset };
  }

  /** Books what is open of an unmatched or overpaid entry to the invoice a person chose (billing's rules apply). */
  async assign(actor: Actor, entryId: string, dto: AssignBankEntryDto): Promise<BankEntryView> {
    const owner = requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: this.context.tenant.tenantId });
    await this.context.transaction(async () => {
      const entry = await this.openEntry(entryId);
      const invoice = await this.billing.get(dto.invoiceId);
      if (invoice.kind !== 'invoice' || invoice.number === null) throw new ValidationProblem([{ field: 'invoiceId', message: 'a payment is booked to an issued invoice' }]);
      await this.billing.recordPayment(owner, invoice.id, { amountCents: entry.openCents, paidOn: entry.bookedOn, reference: entry.archiveId });
      await this.repository.resolve(entryId, { kind: 'assigned', note: null, invoiceId: invoice.id, invoiceNumber: invoice.number, actor: actorKey(owner), at: this.clock.now(), bookedCents: entry.openCents });
      this.audit.record({ actor: actorKey(owner), action: 'bank_entry.assigned', subjectType: 'bank_entry', subjectId: entryId, fields: ['invoiceId', 'bookedCents'] });
    });
    return this.entry(entryId);
  }

  /** Closes an unmatched or overpaid entry with what was done about it (a refund, a payment not for us). */
  async resolve(actor: Actor, entryId: string, dto: ResolveBankEntryDto): Promise<BankEntryView> {
    const by = actorKey(requireAccess(actor, { realm: 'tenant-staff', roles: ['owner'], tenantId: this.context.tenant.tenantId }));
    await this.context.transaction(async () => {
      await this.openEntry(entryId);
      await this.repository.resolve(entryId, { kind: 'noted', note: dto.note.trim(), invoiceId: null, invoiceNumber: null, actor: by, at: this.clock.now(), bookedCents: 0 });
      this.audit.record({ actor: by, action: 'bank_entry.resolved', subjectType: 'bank_entry', subjectId: entryId, fields: ['note'] });
    });
    return this.entry(entryId);
  }

  async entry(id: string): Promise<BankEntryView> {
    const found = await this.repository.getEntry(id);
    if (!found) throw new NotFoundProblem('bank entry');
    return entryView(found);
  }

  /**
   * Retention, inside the caller's transaction: the bank's records are accounting vouchers, kept as long as the
   * invoices they pay and then deleted with the payer names they hold. Each deleted import is in the audit trail.
   */
  async purgeExpired(actor: Actor, options: { today: string; retentionYears: number }): Promise<{ entries: number; imports: number }> {
    const purged = await this.repository.purgeExpired(options.today, options.retentionYears);
    await this.audit.recordMany(
      purged.importIds.map((id) => ({ actor: actorKey(actor), action: 'bank_import.purged', subjectType: 'bank_import', subjectId: id, fields: [] })),
      this.clock.now(),
    );
    return { entries: purged.entries, imports: purged.importIds.length };
  }

  /** What the bank said of the payments for these invoices (payer as the bank named them), for an access export. */
  async paymentsFromBank(invoiceIds: string[]): Promise<BankPaymentForExport[]> {
    const entries = await this.repository.entriesForInvoices(invoiceIds);
    return entries.map((e) => ({
      bookedOn: e.bookedOn,
      amountCents: e.amountCents,
      currency: e.currency,
      payerName: e.payerName,
      reference: e.reference,
      archiveId: e.archiveId,
      invoiceNumber: e.invoiceNumber ?? e.resolution?.invoiceNumber ?? null,
    }));
  }

  private async openEntry(id: string): Promise<StoredEntry> {
    const entry = await this.repository.getEntry(id, true);
    if (!entry) throw new NotFoundProblem('bank entry');
    if (!entryView(entry).open) throw new BankImportException(BankImportErrorCode.NotOpen);
    return entry;
  }

  private parse(bytes: Buffer): ParsedFile {
    let file: ParsedFile;
    try {
      file = parseBankFile(bytes);
    } catch (error) {
      if (error instanceof UnknownFormat) throw BankImportException.inFile(BankImportErrorCode.UnknownFormat, `The file is ${error.message}.`);
      if (error instanceof BankFileError) throw BankImportException.inFile(BankImportErrorCode.Malformed, error.message, error);
      throw error;
    }
    if (file.entries.length === 0) throw BankImportException.inFile(BankImportErrorCode.NoPayments, 'The file has no incoming payments (credit entries).');
    const today = this.clock.today();
    const future = file.entries.find((e) => e.bookedOn > today);
    if (future) throw BankImportException.inFile(BankImportErrorCode.FutureDate, `Line ${future.line}: the payment is booked on ${future.bookedOn}, after today (${today} in Finland).`, { line: future.line });
    return file;
  }

  /** Inside the file's transaction: each entry matched, booked through billing, or set aside with its reason. */
  private async book(actor: Actor, entries: ParsedEntry[]): Promise<EntryRow[]> {
    const earlier = await this.repository.earlierEntries([...new Set(entries.map((e) => e.archiveId))]);
    const inFile = new Map<string, string>();
    const rows: EntryRow[] = [];
    for (const [position, entry] of entries.entries()) {
      const row: EntryRow = {
        id: randomUUID(),
        position,
        line: entry.line,
        archiveId: entry.archiveId,
        amountCents: entry.amountCents,
        currency: entry.currency || 'EUR',
        bookedOn: entry.bookedOn,
        reference: entry.reference,
        payerName: entry.payerName,
        status: 'unmatched',
        reason: null,
        invoiceId: null,
        invoiceNumber: null,
        bookedCents: 0,
        openCents: entry.amountCents,
        duplicateOf: null,
      };
      const before = earlier.get(entry.archiveId) ?? inFile.get(entry.archiveId);
      if (before) {
        rows.push({ ...row, status: 'duplicate', reason: earlier.has(entry.archiveId) ? 'already_imported' : 'repeated_in_file', openCents: 0, duplicateOf: before });
        continue;
      }
      inFile.set(entry.archiveId, row.id);
      // Billing works in the file's transaction, each entry on an empty unit of work: one that kept every
      // invoice and payment of the file would make each flush longer than the last.
      rows.push(await this.repository.withEmptyUnitOfWork(() => this.match(actor, entry, row)));
    }
    return rows;
  }

  private async match(actor: Actor, entry: ParsedEntry, row: EntryRow): Promise<EntryRow> {
    if (entry.correction) return { ...row, reason: 'correction' };
    if (row.currency !== 'EUR') return { ...row, reason: 'currency' };
    if (!entry.reference) return { ...row, reason: 'no_reference' };
    const key = matchKey(entry.reference);
    // Locked and read again for each entry: an earlier payment in this file may have paid it already.
    const invoice: InvoiceByReference | undefined = key ? (await this.billing.invoicesByReference([key], { lock: true })).find((i) => i.kind === 'invoice') : undefined;
    if (!invoice) return { ...row, reason: 'unknown_reference' };
    const found = { ...row, invoiceId: invoice.id, invoiceNumber: invoice.number };
    if (!invoice.payable) return invoice.status === 'paid' ? { ...found, status: 'overpaid', reason: 'overpaid' } : { ...found, reason: 'not_payable' };
    if (entry.bookedOn < invoice.issueDate) return { ...found, reason: 'before_issue' };
    const booked = Math.min(entry.amountCents, invoice.outstandingCents);
    await this.billing.recordPayment(actor, invoice.id, { amountCents: booked, paidOn: entry.bookedOn, reference: entry.archiveId });
    const open = entry.amountCents - booked;
    return { ...found, status: open === 0 ? 'matched' : 'overpaid', reason: open === 0 ? null : 'overpaid', bookedCents: booked, openCents: open };
  }

  /** A unique violation at commit: the same file, or one of its payments, was booked by a request that ran at the same time. */
  private async conflictOf(error: unknown, sha256: string): Promise<unknown> {
    if (!isUniqueViolation(error)) return error;
    const earlier = await this.repository.findByHash(sha256);
    if (earlier) return alreadyImported(earlier);
    return new BankImportException(BankImportErrorCode.BookedMeanwhile, 'Import the file again: the payments booked meanwhile will be listed as duplicates.');
  }
}

function alreadyImported(earlier: { id: string; fileName: string; importedAt: Date }): BankImportException {
  return new BankImportException(BankImportErrorCode.AlreadyImported, `The same file was imported as "${earlier.fileName}" on ${earlier.importedAt.toISOString()}.`, {
    earlierImport: { id: earlier.id, fileName: earlier.fileName, importedAt: earlier.importedAt.toISOString() },
  });
}

function importView(i: StoredImport): BankImportView {
  return { id: i.id, fileName: i.fileName, format: i.format, importedAt: i.importedAt.toISOString(), summary: i.summary };
}

function entryView(e: StoredEntry): BankEntryView {
  const open = (e.status === 'unmatched' || e.status === 'overpaid') && e.resolution === null;
  return {
    id: e.id,
    importId: e.importId,
    line: e.line,
    archiveId: e.archiveId,
    amountCents: e.amountCents,
    currency: e.currency,
    bookedOn: e.bookedOn,
    reference: e.reference,
    payerName: e.payerName,
    status: e.status,
    reason: e.reason,
    invoice: e.invoiceId && e.invoiceNumber !== null ? { id: e.invoiceId, number: e.invoiceNumber } : null,
    bookedCents: e.bookedCents,
    openCents: open ? e.openCents : 0,
    open,
    duplicateOf: e.duplicate,
    resolution: e.resolution && {
      kind: e.resolution.kind,
      note: e.resolution.note,
      invoice: e.resolution.invoiceId && e.resolution.invoiceNumber !== null ? { id: e.resolution.invoiceId, number: e.resolution.invoiceNumber } : null,
      resolvedAt: e.resolution.resolvedAt.toISOString(),
    },
  };
}
