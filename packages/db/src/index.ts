export {
  type AppDatabase,
  type AppTransaction,
  appDataDir,
  type Database,
  type DatabaseKind,
  type OpenDatabaseOptions,
  openDatabase,
  type QueryResultHKT,
  type SqlClient,
} from "./database.ts";
export { advisoryLockKey, nowSeconds, tryWithAdvisoryLock, withAdvisoryLock } from "./locks.ts";
export {
  createJobQueue,
  type DeadLetter,
  deadLetterQueueName,
  type Job,
  type JobHandler,
  type JobQueue,
  type JobQueueOptions,
  type QueueOptions,
  type QueuePolicy,
  type RetryOptions,
  type SendOptions,
  type WorkOptions,
} from "./queue.ts";
