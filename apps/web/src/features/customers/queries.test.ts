import { describe, expect, it } from 'vitest';
import { PAGE_SIZE } from './queries';

describe('the first customers page', () => {
  it('is the size the server preloads for a cold page (apps/api/src/console.ts asks for ?limit=50)', () => {
    // A different size is a different URL: the browser would fetch the page twice and the preload go to waste.
    expect(PAGE_SIZE).toBe(50);
  });
});
