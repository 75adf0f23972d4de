import type { Page, PageRequest } from '../store/record-store.js';

const PAGE_SIZE = 500;

/** Every item of a paged domain listing, page by page (import and export read whole collections). */
export async function listAll<T>(page: (request: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let afterSeq: number | undefined;
  for (;;) {
    const next = await page(afterSeq === undefined ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, afterSeq });
    items.push(...next.items);
    if (!next.hasMore || next.lastSeq === null) return items;
    afterSeq = next.lastSeq;
  }
}
