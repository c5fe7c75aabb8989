/**
 * Per-attempt timeouts without a timer per attempt.
 *
 * In Node a `setTimeout` + `clearTimeout` pair per call costs several native calls (the loop's
 * clock, the timer's reference count, the timer list created and dropped again), which showed
 * as about a microsecond on every call. Here an attempt joins a list kept in deadline order (one
 * list per timeout length, so appending keeps it ordered) and leaves it when it settles; one
 * timer, set for the earliest deadline, wakes up only when something is due. That timer is
 * unref'd: it never keeps a process alive by itself (a request in flight holds its socket, which
 * does), so a script ends as soon as its work is done.
 */

export interface Watched {
  /** Called once, when the deadline passes before `unwatch`. */
  expire(): void;
}

export interface Entry {
  watched: Watched;
  deadline: number;
  list: List;
  previous: Entry | null;
  next: Entry | null;
}

interface List {
  head: Entry | null;
  tail: Entry | null;
}

const lists = new Map<number, List>();
let timer: ReturnType<typeof setTimeout> | undefined;
let armedFor = Number.POSITIVE_INFINITY;

/** Starts the clock on `watched`: it expires in `ms` unless `unwatch` comes first. */
export function watch(watched: Watched, ms: number): Entry {
  let list = lists.get(ms);
  if (!list) {
    list = { head: null, tail: null };
    lists.set(ms, list);
  }
  // A monotonic clock, so that a wall-clock change moves no deadline.
  const deadline = performance.now() + ms;
  const entry: Entry = { watched, deadline, list, previous: list.tail, next: null };
  if (list.tail) list.tail.next = entry;
  else list.head = entry;
  list.tail = entry;
  if (deadline < armedFor) arm(deadline);
  return entry;
}

/** Stops the clock; harmless after expiry or a previous call. */
export function unwatch(entry: Entry): void {
  const { list, previous, next } = entry;
  if (previous) previous.next = next;
  else if (list.head === entry) list.head = next;
  else return;
  if (next) next.previous = previous;
  else list.tail = previous;
  entry.previous = null;
  entry.next = null;
}

function arm(deadline: number): void {
  if (timer !== undefined) clearTimeout(timer);
  armedFor = deadline;
  timer = setTimeout(sweep, Math.max(0, deadline - performance.now()));
  (timer as { unref?: () => void }).unref?.();
}

function sweep(): void {
  timer = undefined;
  armedFor = Number.POSITIVE_INFINITY;
  const now = performance.now();
  let next = Number.POSITIVE_INFINITY;
  for (const list of lists.values()) {
    for (let entry = list.head; entry !== null && entry.deadline <= now; entry = list.head) {
      unwatch(entry);
      entry.watched.expire();
    }
    if (list.head) next = Math.min(next, list.head.deadline);
  }
  if (next !== Number.POSITIVE_INFINITY) arm(next);
}
