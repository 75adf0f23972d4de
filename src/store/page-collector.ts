import type { Page, PageRequest } from './record-store.js';

/**
 * Gathers one page from records offered in sequence order, applying the request's filter, offset
 * and limit; both stores feed it, so paging means the same everywhere.
 */
export class PageCollector<T> {
  private readonly items: T[] = [];
  private lastSeq: number | null = null;
  private skip: number;
  private full = false;

  constructor(private readonly page: PageRequest) {
    this.skip = page.afterSeq === undefined ? page.offset ?? 0 : 0;
  }

  /** Offer the next record; answers false once the page is full and one more record exists. */
  offer(record: T, seq: number): boolean {
    if (this.page.afterSeq !== undefined && seq <= this.page.afterSeq) return true;
    if (this.page.filter && !this.page.filter(record as unknown as Record<string, unknown>)) return true;
    if (this.skip > 0) {
      this.skip -= 1;
      return true;
    }
    if (this.items.length === this.page.limit) {
      this.full = true;
      return false;
    }
    this.items.push(record);
    this.lastSeq = seq;
    return true;
  }

  result(): Page<T> {
    return { items: this.items, lastSeq: this.lastSeq, hasMore: this.full };
  }
}
