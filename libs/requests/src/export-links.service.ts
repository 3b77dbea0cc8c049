// The public end of the single-use export link: opening it shows what it is (and spends nothing, so a mail
// scanner that follows links does no harm); the download, a POST from that page, streams the export once and
// spends the link, in a transaction that also writes the audit trail. An unknown token answers 404, a spent or
// expired one 410; both count against the client address like a wrong verification code.
import { Injectable, StreamableFile } from '@nestjs/common';
import { Clock, escapeHtml, hashToken, NotFoundProblem } from '@app/core';
import { LoginThrottleService } from '@app/auth';
import { AuditTrailService, TenancyService, TenantContext } from '@app/tenancy';
import type { ExportLink } from './request.entity';
import { RequestsRepository } from './requests.repository';
import { RequestsErrorCode, RequestsException } from './requests.errors';
import { RequestsService } from './requests.service';
import { ExportService } from './export.service';
import { asMailLang } from './request-mails';
import type { ExportFormat } from './dto/request.dto';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

@Injectable()
export class ExportLinksService {
  constructor(
    private readonly context: TenantContext,
    private readonly repository: RequestsRepository,
    private readonly tenancy: TenancyService,
    private readonly requests: RequestsService,
    private readonly exports: ExportService,
    private readonly audit: AuditTrailService,
    private readonly throttle: LoginThrottleService,
    private readonly clock: Clock,
  ) {}

  /** The page the link opens: the controller's name, until when the link works, and a button per format. */
  async page(token: string, clientAddress: string): Promise<string> {
    return this.guarded(clientAddress, async () => {
      const link = await this.usable(token);
      const tenant = await this.tenancy.get(this.context.tenant.slug);
      return downloadPage(asMailLang(tenant.language), tenant.legalName, link.expiresAt);
    });
  }

  /** Spends the link and streams the export in the format asked. */
  async download(token: string, format: ExportFormat, clientAddress: string): Promise<StreamableFile> {
    return this.guarded(clientAddress, () =>
      this.context.transaction(async () => {
        const link = await this.usable(token, true);
        const request = await this.requests.exportable(link.requestId);
        link.usedAt = this.clock.now();
        this.audit.record({ actor: 'data-subject:export-link', action: 'request.export_downloaded', subjectType: 'request', subjectId: link.requestId, fields: [format] });
        // Opened before the link is spent: if the export cannot start, the link still works.
        return this.exports.stream({ customerId: request.customerId }, format);
      }),
    );
  }

  /** Runs `step` in the tenant the guard bound (404 without one), behind the per-address throttle: only a usable link gives its point back. */
  private async guarded<T>(clientAddress: string, step: () => Promise<T>): Promise<T> {
    if (!this.context.isBound) throw new NotFoundProblem('tenant');
    const attempt = await this.throttle.admitCode(clientAddress);
    try {
      const result = await step();
      await attempt.succeeded();
      return result;
    } catch (error) {
      if (!(error instanceof RequestsException)) await attempt.abandoned();
      throw error;
    }
  }

  /** The link if it can still be used; `lock` takes it for update (inside the download's transaction). */
  private async usable(token: string, lock = false): Promise<ExportLink> {
    const link = TOKEN.test(token) ? await this.repository.exportLinkByHash(hashToken(token), lock) : null;
    if (!link) throw new RequestsException(RequestsErrorCode.ExportLinkUnknown);
    if (link.usedAt || link.expiresAt.getTime() <= this.clock.now().getTime()) throw new RequestsException(RequestsErrorCode.ExportLinkGone);
    return link;
  }
}

function downloadPage(lang: 'fi' | 'en', controller: string, expiresAt: Date): string {
  const fi = lang === 'fi';
  const until = expiresAt.toLocaleDateString(fi ? 'fi-FI' : 'en-GB', { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'long', year: 'numeric' });
  const t = fi
    ? { title: `Tietosi: ${controller}`, lead: `Linkillä voi ladata tietosi kerran, ${until} asti. Valitse muoto:`, json: 'Lataa JSON (koneluettava)', csv: 'Lataa CSV (koneluettava)', html: 'Lataa HTML (luettava)' }
    : { title: `Your data: ${controller}`, lead: `With this link you can download your data once, until ${until}. Choose a format:`, json: 'Download JSON (machine-readable)', csv: 'Download CSV (machine-readable)', html: 'Download HTML (for reading)' };
  const button = (format: string, label: string) => `<p><button type="submit" formaction="?format=${format}">${escapeHtml(label)}</button></p>`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(t.title)}</title></head><body><main><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.lead)}</p><form method="post">${button('json', t.json)}${button('csv', t.csv)}${button('html', t.html)}</form></main></body></html>`;
}
