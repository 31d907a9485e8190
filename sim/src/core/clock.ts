/**
 * The one virtual clock every model shares. Time is an integer count of
 * microseconds since the scenario started; it only moves when someone asks the
 * clock to run, and it jumps from event to event, so a minute of simulated time
 * costs what its events cost, not what its duration costs.
 *
 * Update the simulation state, never the UI: nothing here knows about pages,
 * terminals or wall time.
 */

export type Microseconds = number;

export const usPerMs = 1_000;
export const usPerSecond = 1_000_000;

export type TimerId = number;

interface Timer {
  readonly id: TimerId;
  readonly atUs: Microseconds;
  readonly fire: () => void;
}

/** Min-heap on (atUs, id): events at the same instant fire in the order they were scheduled. */
class TimerHeap {
  readonly #items: Timer[] = [];

  get size(): number {
    return this.#items.length;
  }

  peek(): Timer | undefined {
    return this.#items[0];
  }

  push(timer: Timer): void {
    const items = this.#items;
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): Timer | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && before(items[l]!, items[m]!)) m = l;
      if (r < items.length && before(items[r]!, items[m]!)) m = r;
      if (m === i) break;
      [items[i], items[m]] = [items[m]!, items[i]!];
      i = m;
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.atUs < b.atUs || (a.atUs === b.atUs && a.id < b.id);
}

export class VirtualClock {
  #nowUs: Microseconds = 0;
  #nextId: TimerId = 1;
  readonly #heap = new TimerHeap();
  readonly #cancelled = new Set<TimerId>();

  /** Simulated time since the start of the scenario. */
  get nowUs(): Microseconds {
    return this.#nowUs;
  }

  /** Schedules `fire` at absolute time `atUs` (never in the past). */
  at(atUs: Microseconds, fire: () => void): TimerId {
    const id = this.#nextId++;
    this.#heap.push({ id, atUs: Math.max(Math.round(atUs), this.#nowUs), fire });
    return id;
  }

  /** Schedules `fire` `delayUs` from now. */
  after(delayUs: Microseconds, fire: () => void): TimerId {
    return this.at(this.#nowUs + delayUs, fire);
  }

  cancel(id: TimerId | undefined): void {
    if (id !== undefined) this.#cancelled.add(id);
  }

  /** Time of the next pending event, if any. */
  nextEventUs(): Microseconds | undefined {
    this.#dropCancelled();
    return this.#heap.peek()?.atUs;
  }

  /**
   * Fires every event due at or before `untilUs`, in time order, then leaves
   * the clock at `untilUs`. Events may schedule further events; those that fall
   * inside the window fire too. `stop` is polled between events so a caller
   * can halt at the current instant (Ctrl-C); the clock then stays at the time
   * of the last event fired.
   */
  runUntil(untilUs: Microseconds, stop?: () => boolean): boolean {
    for (;;) {
      this.#dropCancelled();
      const next = this.#heap.peek();
      if (next === undefined || next.atUs > untilUs) break;
      if (stop?.()) return false;
      this.#heap.pop();
      this.#nowUs = next.atUs;
      next.fire();
    }
    if (untilUs > this.#nowUs) this.#nowUs = untilUs;
    return true;
  }

  #dropCancelled(): void {
    for (;;) {
      const top = this.#heap.peek();
      if (top === undefined || !this.#cancelled.has(top.id)) return;
      this.#heap.pop();
      this.#cancelled.delete(top.id);
    }
  }
}
