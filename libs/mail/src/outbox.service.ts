// The e-mail outbox: a message is queued as a job (in the caller's transaction when it has one), and a
// worker sends it through MailService, retrying with backoff, and records delivery in
// platform.outbox_message. Whoever queued a message can hear how it ended through `onOutcome`.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JobsService, type JobView, type QueuePolicy } from '@app/jobs';
import { MailService, type MailMessage } from './mail.service';
import { MailRepository } from './mail.repository';

export const OUTBOX_QUEUE = 'mail-outbox';

/**
 * Eight retries from 30 s doubling up to an hour apart: a receiving server that is down for most of a
 * day still gets the message. A completed job (it holds the address) is deleted after a day.
 */
export const OUTBOX_POLICY: QueuePolicy = {
  retryLimit: 8,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 3600,
  expireInSeconds: 120,
  deleteAfterSeconds: 86_400,
};

export interface OutboxItem {
  /** The message's id (a UUID) of the caller's choosing: queueing the same id again queues nothing. */
  id?: string;
  /** The caller's own reference, handed back with the outcome. */
  ref?: string;
  message: MailMessage;
}

export type DeliveryOutcome = { status: 'delivered'; at: Date } | { status: 'failed'; error: string };

/** Hears how a message of its topic ended. Called at least once per outcome, so it must be idempotent. */
export type OutcomeListener = (outcome: DeliveryOutcome, message: { id: string; ref: string | null }) => Promise<void>;

export interface OutboxHistoryRow {
  topic: string;
  ref: string;
  messages: number;
  queuedAt: Date;
  delivered: number;
  failed: number;
}

interface OutboxJob {
  topic: string;
  ref: string | null;
  message: MailMessage;
}

const TOPIC = /^[a-z][a-z0-9-]{0,62}$/;

/** What an SMTP failure is, without its text: server replies quote the addresses they refuse. */
export function deliveryErrorCode(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown };
  const code = typeof e?.code === 'string' && /^[A-Z_]{2,30}$/.test(e.code) ? e.code : 'ERROR';
  return typeof e?.responseCode === 'number' ? `${code} ${e.responseCode}` : code;
}

@Injectable()
export class OutboxService implements OnModuleInit {
  private readonly listeners = new Map<string, OutcomeListener>();

  constructor(
    private readonly repository: MailRepository,
    private readonly jobs: JobsService,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.jobs.queue(OUTBOX_QUEUE, OUTBOX_POLICY);
    this.jobs.work<OutboxJob>(OUTBOX_QUEUE, (job) => this.deliver(job), { batchSize: 20 });
  }

  onOutcome(topic: string, listener: OutcomeListener): void {
    this.listeners.set(topic, listener);
  }

  /** Queues one message; returns its id. */
  async enqueue(message: MailMessage, options: { topic?: string; ref?: string; id?: string } = {}): Promise<string> {
    const [id] = await this.enqueueMany(options.topic ?? 'mail', [{ id: options.id, ref: options.ref, message }]);
    return id;
  }

  /**
   * Queues messages and their records together: in the context's open transaction (TenantContext.transaction or
   * DatabaseContext.transaction; they go only if it commits), or in one of its own.
   * Ids already queued are skipped, so a retried call never sends twice. Returns the ids given or made.
   */
  async enqueueMany(topic: string, items: OutboxItem[]): Promise<string[]> {
    if (!TOPIC.test(topic)) throw new Error(`Invalid outbox topic ${JSON.stringify(topic)}`);
    const withIds = items.map((item) => ({ ...item, id: item.id ?? randomUUID() }));
    if (withIds.length === 0) return [];
    await this.repository.transaction(async () => {
      const fresh = await this.repository.insertRecords(topic, withIds.map((i) => ({ id: i.id, ref: i.ref ?? null })));
      const jobs = withIds.filter((i) => fresh.has(i.id)).map((i) => ({ id: i.id, data: { topic, ref: i.ref ?? null, message: i.message } satisfies OutboxJob }));
      await this.jobs.sendMany(OUTBOX_QUEUE, jobs);
    });
    return withIds.map((i) => i.id);
  }

  /**
   * What was queued under these topics with the ref `prefix` or a ref starting `prefix:`, per topic and ref:
   * how many messages, when first queued, how many delivered and how many failed for good. The records hold no
   * addresses, so neither does this.
   */
  async history(topics: string[], prefix: string): Promise<OutboxHistoryRow[]> {
    const rows = await this.repository.history(topics, prefix);
    return rows.map((r) => ({ topic: r.topic, ref: r.ref, messages: r.messages, queuedAt: new Date(r.queued_at), delivered: r.delivered, failed: r.failed }));
  }

  /** Sends one queued message. Throwing hands the job back to the queue, which retries it with backoff. */
  private async deliver(job: JobView<OutboxJob>): Promise<void> {
    const { topic, ref, message } = job.data;
    const record = await this.repository.deliveredAt(job.id);
    if (!record) return;
    // Sent by an earlier attempt whose completion was lost: tell the listener again, never send again.
    if (record.delivered_at) return this.tell(topic, { status: 'delivered', at: new Date(record.delivered_at) }, job.id, ref);
    try {
      await this.mail.send(message);
    } catch (error) {
      const code = deliveryErrorCode(error);
      await this.repository.recordFailure(job.id, code, job.lastAttempt);
      if (job.lastAttempt) await this.tell(topic, { status: 'failed', error: code }, job.id, ref);
      throw new MailDeliveryError(code);
    }
    const deliveredAt = await this.repository.recordDelivery(job.id);
    await this.tell(topic, { status: 'delivered', at: new Date(deliveredAt) }, job.id, ref);
  }

  private async tell(topic: string, outcome: DeliveryOutcome, id: string, ref: string | null): Promise<void> {
    await this.listeners.get(topic)?.(outcome, { id, ref });
  }
}

/** A failed send, carrying only the SMTP code (the queue stores what a handler throws). */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';

  constructor(readonly code: string) {
    super(`mail delivery failed: ${code}`);
  }
}
