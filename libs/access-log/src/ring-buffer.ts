// A fixed-capacity FIFO that drops its oldest entries when full, so a database outage costs bounded
// memory and never blocks a request. Entries leave only when `commit` says they were written.

export interface Peeked<T> {
  items: T[];
  /** Pass to `commit` once `items` are safely written. */
  upTo: number;
}

export class RingBuffer<T> {
  private readonly slots: (T | undefined)[];
  // Positions count every entry ever pushed; slot = position % capacity.
  private start = 0;
  private end = 0;
  /** Entries evicted unwritten because the buffer was full. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('capacity must be a positive integer');
    this.slots = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.end - this.start;
  }

  /** The position after the newest entry: `drainTo` of everything pushed so far. */
  get mark(): number {
    return this.end;
  }

  push(item: T): void {
    if (this.size === this.capacity) {
      this.slots[this.start % this.capacity] = undefined;
      this.start++;
      this.dropped++;
    }
    this.slots[this.end % this.capacity] = item;
    this.end++;
  }

  /** The oldest entries, at most `max` of them and none pushed at or after position `before`; they stay until committed. */
  peek(max: number, before = this.end): Peeked<T> {
    const upTo = Math.min(this.start + max, before, this.end);
    const items: T[] = [];
    for (let position = this.start; position < upTo; position++) items.push(this.slots[position % this.capacity] as T);
    return { items, upTo };
  }

  /** Removes entries before `upTo` (some may already have been evicted while they were being written). */
  commit(upTo: number): void {
    for (; this.start < Math.min(upTo, this.end); this.start++) this.slots[this.start % this.capacity] = undefined;
  }

  /** True while entries pushed before position `mark` are still waiting. */
  holdsBefore(mark: number): boolean {
    return this.start < Math.min(mark, this.end);
  }
}
