export * from './jobs.module';
export { JOBS_SCHEMA, JobsService, type EnqueueOptions, type JobHandler, type JobsOptions, type JobView, type QueuePolicy, type WorkOptions } from './jobs.service';
