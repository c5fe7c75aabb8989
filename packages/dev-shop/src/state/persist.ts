import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DevShopStore } from "./store.ts";

/**
 * Optional persistence of the whole store as one JSON snapshot in the data folder. Writes are
 * debounced, skipped when nothing changed, and atomic (write a temporary file, then rename), so a
 * crash never leaves a half-written snapshot behind.
 */

const FILE = "state.json";
const FORMAT = 1;

interface SnapshotFile {
  format: number;
  seed: number;
  savedAt: string;
  store: DevShopStore;
}

export function snapshotPath(dataDir: string): string {
  return join(dataDir, FILE);
}

/** The stored state, or null when there is none (or it cannot be read; the caller then seeds). */
export function loadSnapshot(dataDir: string): { seed: number; store: DevShopStore } | null {
  const path = snapshotPath(dataDir);
  if (!existsSync(path)) return null;
  try {
    const file = JSON.parse(readFileSync(path, "utf8")) as SnapshotFile;
    if (file.format !== FORMAT || !file.store?.platform) {
      console.warn(`[dev-shop] ignoring ${path}: unknown snapshot format`);
      return null;
    }
    return { seed: file.seed, store: file.store };
  } catch (cause) {
    console.warn(`[dev-shop] ignoring ${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
    return null;
  }
}

export class SnapshotWriter {
  private timer: NodeJS.Timeout | null = null;
  private dueAt = Number.POSITIVE_INFINITY;
  private lastWritten = "";
  private writing: Promise<void> = Promise.resolve();
  private sequence = 0;

  constructor(
    private readonly dataDir: string,
    private readonly seed: number,
    private readonly getStore: () => DevShopStore,
  ) {
    mkdirSync(dataDir, { recursive: true });
  }

  /** Schedules a write within `delayMs` (an earlier pending schedule wins). */
  markDirty(delayMs = 250): void {
    const due = Date.now() + delayMs;
    if (this.timer && due >= this.dueAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.dueAt = Number.POSITIVE_INFINITY;
      void this.flush();
    }, delayMs);
    this.timer.unref();
  }

  /** Writes now if the state changed since the last write; resolves when it is on disk. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.dueAt = Number.POSITIVE_INFINITY;
    }
    this.writing = this.writing
      .then(() => this.write())
      .catch((cause) => {
        console.error("[dev-shop] could not write the snapshot:", cause);
      });
    return this.writing;
  }

  private async write(): Promise<void> {
    const store = this.getStore();
    // Compare the state alone, so that the changing savedAt does not force a write.
    const state = JSON.stringify(store);
    if (state === this.lastWritten) return;
    const body = `{"format":${FORMAT},"seed":${this.seed},"savedAt":${JSON.stringify(new Date().toISOString())},"store":${state}}`;
    const path = snapshotPath(this.dataDir);
    const temp = `${path}.${process.pid}.${++this.sequence}.tmp`;
    await writeFile(temp, body, "utf8");
    await rename(temp, path);
    this.lastWritten = state;
  }
}
