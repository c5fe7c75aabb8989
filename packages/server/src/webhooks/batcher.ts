/**
 * Group commit: callers add items and wait for the flush that contains them. A flush starts at once
 * when none is running (no added latency at low load); while one runs, new items gather and go in
 * the next, so under load each database round trip carries many deliveries. Nothing resolves before
 * its flush has completed, so a caller acknowledging after `add` never acknowledges unsaved data.
 */
export interface BatcherOptions<T, R> {
  flush: (items: T[]) => Promise<R[]>;
  /** Most items in one flush (default 500). */
  maxBatch?: number;
  /** Flushes allowed to run at once (default 1; a single-connection PGlite gains nothing from more). */
  concurrency?: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class Batcher<T, R> {
  private queue: Array<Pending<T, R>> = [];
  private running = 0;
  private scheduled = false;
  private readonly idleWaiters: Array<() => void> = [];
  private readonly maxBatch: number;
  private readonly concurrency: number;

  constructor(private readonly options: BatcherOptions<T, R>) {
    this.maxBatch = options.maxBatch ?? 500;
    this.concurrency = options.concurrency ?? 1;
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when nothing is waiting or being flushed (shutdown). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.concurrency) return;
    this.scheduled = true;
    // Let the deliveries already parsed in this turn of the event loop join the same flush.
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.running++;
      void this.run(batch);
    }
  }

  private async run(batch: Array<Pending<T, R>>): Promise<void> {
    try {
      const results = await this.options.flush(batch.map((p) => p.item));
      batch.forEach((p, i) => {
        p.resolve(results[i] as R);
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.running--;
      if (this.queue.length > 0) this.drain();
      else if (this.running === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
