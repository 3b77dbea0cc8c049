// A PostgreSQL job queue (pg-boss in its own `pgboss` schema): jobs survive restarts, and several API
// instances share the work (SKIP LOCKED), each job claimed by one of them at a time.
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { JOBS_SCHEMA, JobsRepository, type FetchedJob, type JobOutcome, type JobsConnection, type QueuePolicy } from './jobs.repository';

export { JOBS_SCHEMA, type QueuePolicy };

export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

export interface JobsOptions {
  /** Start with the application (the API); otherwise only when a command calls `start()` (the CLI). */
  autoStart: boolean;
}


export interface JobView<T> {
  id: string;
  name: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
  /** No retry follows if this attempt fails. */
  lastAttempt: boolean;
}

export type JobHandler<T> = (job: JobView<T>) => Promise<void>;

export interface WorkOptions {
  /** Jobs claimed per fetch; a full batch is followed at once by the next fetch. */
  batchSize?: number;
}

export interface EnqueueOptions {
  /** A job id of the caller's choosing (a UUID): sending the same id twice queues one job. */
  id?: string;
  startAfter?: Date | number;
}

interface Registration {
  handler: JobHandler<unknown>;
  options: WorkOptions;
}

/** The message of an error without anything a handler's error could carry along (addresses, SQL values). */
function failureOutput(error: unknown): { error: string; code?: string } {
  const e = error as { name?: string; code?: string | number; responseCode?: number };
  const code = e?.responseCode ?? e?.code;
  return { error: e?.name ?? 'Error', ...(code !== undefined ? { code: String(code) } : {}) };
}

@Injectable()
export class JobsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly queues = new Map<string, QueuePolicy>();
  private readonly handlers = new Map<string, Registration>();
  private readonly created = new Set<string>();
  private readonly schedules: { name: string; cron: string; data: object | null }[] = [];
  private boss?: JobsConnection;
  private working = false;

  constructor(
    private readonly config: AppConfig,
    private readonly repository: JobsRepository,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
  ) {}

  get started(): boolean {
    return this.boss !== undefined;
  }

  /** Declares a queue and its retry policy; call before sending to it (module init is the place). */
  queue(name: string, policy: QueuePolicy = {}): void {
    this.queues.set(name, policy);
  }

  /**
   * Registers the handler of a queue. With JOBS_ENABLED it runs in workers once started; without, jobs
   * wait in the queue until `runPending` drives them (tests, a CLI run).
   */
  work<T>(name: string, handler: JobHandler<T>, options: WorkOptions = {}): void {
    if (!this.queues.has(name)) this.queues.set(name, {});
    this.handlers.set(name, { handler: handler as JobHandler<unknown>, options });
    if (this.working) void this.startWorker(name).catch((error: unknown) => this.logger.error({ queue: name, ...failureOutput(error) }, 'worker could not start'));
  }

  /** Creates a job from a cron expression on every occurrence; only instances running workers create them. */
  schedule(name: string, cron: string, data: object | null = null): void {
    if (!this.queues.has(name)) this.queues.set(name, {});
    this.schedules.push({ name, cron, data });
    if (this.working) {
      void this.ensureQueue(name)
        .then(() => this.requireBoss().schedule(name, cron, data))
        .catch((error: unknown) => this.logger.error({ queue: name, ...failureOutput(error) }, 'schedule could not be saved'));
    }
  }

  /**
   * Queues one job; returns its id, or null when a job with the given id exists already. Inside an open transaction
   * of the context (TenantContext.transaction, DatabaseContext.transaction) the job is inserted in it: it exists only
   * if that transaction commits.
   */
  async send<T extends object>(name: string, data: T, options: EnqueueOptions = {}): Promise<string | null> {
    const boss = this.requireBoss();
    await this.ensureQueue(name);
    const send = { ...(options.id ? { id: options.id } : {}), ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}) };
    return boss.send(name, data, send);
  }

  /** Queues many jobs in one statement (inside the context's open transaction, if any, as `send`). */
  async sendMany<T extends object>(name: string, jobs: { id?: string; data: T }[]): Promise<void> {
    if (jobs.length === 0) return;
    const boss = this.requireBoss();
    await this.ensureQueue(name);
    await boss.insert(name, jobs);
  }

  /**
   * Runs the queued jobs of `name` that are due, in this process, through the registered handler: how
   * tests (and a CLI run) drive handlers with the workers off. Returns how many jobs it ran.
   */
  async runPending(name: string, limit = 1000): Promise<number> {
    const boss = this.requireBoss();
    const registration = this.handlers.get(name);
    if (!registration) throw new Error(`No handler registered for jobs of ${name}`);
    await this.ensureQueue(name);
    let ran = 0;
    while (ran < limit) {
      const jobs = await boss.fetch(name, Math.min(100, limit - ran));
      if (jobs.length === 0) break;
      await boss.settle(name, await this.runBatch(name, registration.handler, jobs));
      ran += jobs.length;
    }
    return ran;
  }

  /** Starts pg-boss (installing or upgrading its schema under its own lock); workers only with JOBS_ENABLED. */
  /** Connects to the queue. `work: false` connects a producer only: a CLI command that queues mail and exits. */
  async start(options: { work?: boolean } = {}): Promise<void> {
    if (this.boss) return;
    const workers = this.config.jobsEnabled && (options.work ?? true);
    // Codes only: an error's message can quote job data, and job data can hold addresses.
    const boss = this.repository.connect(workers, (error: unknown) => this.logger.warn(failureOutput(error), 'job queue error'));
    await boss.start();
    this.boss = boss;
    for (const name of this.queues.keys()) await this.ensureQueue(name);
    if (!workers) return;
    this.working = true;
    for (const name of this.handlers.keys()) await this.startWorker(name);
    for (const s of this.schedules) await boss.schedule(s.name, s.cron, s.data);
  }

  /** Stops claiming jobs, lets running ones finish (up to 10 s), and closes the pool. */
  async stop(): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = undefined;
    this.working = false;
    this.created.clear();
    await boss.stop(10_000).catch((error: unknown) => this.logger.warn(failureOutput(error), 'job queue did not stop cleanly'));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.autoStart) await this.start();
  }

  // Before the database module closes its pools: running handlers still need them.
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private requireBoss(): JobsConnection {
    if (!this.boss) throw new Error('The job queue is not started');
    return this.boss;
  }

  private async ensureQueue(name: string): Promise<void> {
    if (this.created.has(name)) return;
    await this.requireBoss().ensureQueue(name, this.queues.get(name) ?? {});
    this.created.add(name);
  }

  private async startWorker(name: string): Promise<void> {
    const { handler, options } = this.handlers.get(name)!;
    await this.ensureQueue(name);
    await this.requireBoss().work(
      name,
      { batchSize: options.batchSize ?? 10, pollingIntervalSeconds: this.config.jobsPollingSeconds },
      (jobs: FetchedJob[]) => this.runBatch(name, handler, jobs),
    );
  }

  // One job's failure is that job's alone: each is settled by itself, and retried by the queue's policy.
  private async runBatch(name: string, handler: JobHandler<unknown>, jobs: FetchedJob[]): Promise<JobOutcome[]> {
    const results: JobOutcome[] = [];
    for (const job of jobs) {
      const view: JobView<unknown> = { id: job.id, name, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit, lastAttempt: job.retryCount >= job.retryLimit };
      try {
        await handler(view);
        results.push({ id: job.id, status: 'completed' });
      } catch (error) {
        const output = failureOutput(error);
        this.logger.warn({ queue: name, job: job.id, attempt: job.retryCount + 1, ...output }, view.lastAttempt ? 'job failed for good' : 'job failed; it will be retried');
        results.push({ id: job.id, status: 'failed', output });
      }
    }
    return results;
  }
}
