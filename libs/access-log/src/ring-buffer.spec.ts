import { RingBuffer } from './ring-buffer';

describe('the bounded buffer', () => {
  it('keeps entries in order until they are committed', () => {
    const buffer = new RingBuffer<number>(5);
    [1, 2, 3].forEach((n) => buffer.push(n));
    const first = buffer.peek(2);
    expect(first.items).toEqual([1, 2]);
    expect(buffer.peek(2).items).toEqual([1, 2]); // peeking takes nothing away
    buffer.commit(first.upTo);
    expect(buffer.size).toBe(1);
    expect(buffer.peek(10).items).toEqual([3]);
  });

  it('drops the oldest entries when full, and counts them', () => {
    const buffer = new RingBuffer<number>(3);
    for (let n = 1; n <= 7; n++) buffer.push(n);
    expect(buffer.size).toBe(3);
    expect(buffer.dropped).toBe(4);
    expect(buffer.peek(10).items).toEqual([5, 6, 7]);
  });

  it('does not remove newer entries when a batch in flight was partly evicted meanwhile', () => {
    const buffer = new RingBuffer<number>(3);
    [1, 2, 3].forEach((n) => buffer.push(n));
    const batch = buffer.peek(2); // 1, 2 are being written
    [4, 5].forEach((n) => buffer.push(n)); // evicts 1 and 2
    buffer.commit(batch.upTo);
    expect(buffer.peek(10).items).toEqual([3, 4, 5]);
  });

  it('peeks only entries pushed before a mark', () => {
    const buffer = new RingBuffer<number>(10);
    [1, 2].forEach((n) => buffer.push(n));
    const mark = buffer.mark;
    buffer.push(3);
    expect(buffer.peek(10, mark).items).toEqual([1, 2]);
    expect(buffer.holdsBefore(mark)).toBe(true);
    buffer.commit(buffer.peek(10, mark).upTo);
    expect(buffer.holdsBefore(mark)).toBe(false);
    expect(buffer.size).toBe(1);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow();
    expect(() => new RingBuffer(1.5)).toThrow();
  });
});
