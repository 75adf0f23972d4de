import { invalidParameter } from '../../errors/error-catalogue.js';
import type { Page, PageRequest } from '../../store/record-store.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
const TOKEN_PREFIX = 'PT';

export interface ListQuery {
  readonly pageSize: number;
  readonly page: number;
  readonly pageToken: string | undefined;
  /** The filters in the order Autopilot echoed them in page URLs. */
  readonly filters: ReadonlyArray<readonly [string, string]>;
  readonly request: PageRequest;
}

/**
 * Read `PageSize`, `Page`, `PageToken` and the list's filters from a query string. A page token
 * names the last record served, so pages stay stable while records are added or deleted; `Page`
 * alone means an offset.
 */
export function readListQuery(query: Record<string, unknown>, filterNames: readonly string[] = []): ListQuery {
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidParameter(name, 'was given more than once');
    return value;
  };
  const pageSize = pageSizeParam(single('PageSize'));
  const page = integerParam('Page', single('Page'), 0, 0, 1_000_000);
  const pageToken = single('PageToken');
  const afterSeq = pageToken === undefined ? undefined : decodeToken(pageToken);
  const filters = filterNames.flatMap((name) => {
    const value = single(name);
    return value === undefined || value === '' ? [] : [[name, value] as const];
  });
  const request: PageRequest = afterSeq === undefined
    ? { limit: pageSize, offset: page * pageSize }
    : { limit: pageSize, afterSeq };
  return { pageSize, page, pageToken, filters, request };
}

/**
 * Above the maximum is served at the maximum, not refused: twilio-node's `list({limit: 1500})` asks
 * for PageSize=1500 and then follows `next_page_url`, which names the size served.
 */
function pageSizeParam(raw: string | undefined): number {
  if (raw !== undefined && /^\d+$/.test(raw) && Number(raw) > MAX_PAGE_SIZE) return MAX_PAGE_SIZE;
  return integerParam('PageSize', raw, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
}

function integerParam(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw invalidParameter(name, `expected a whole number from ${min} to ${max}, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw invalidParameter(name, `must be from ${min} to ${max}, got ${value}`);
  return value;
}

function decodeToken(token: string): number {
  // Exactly what pageToken() writes: PT and decimal digits (Number() would also take '', '0x2', ' 2', '1e1').
  const digits = token.slice(TOKEN_PREFIX.length);
  const seq = token.startsWith(TOKEN_PREFIX) && /^\d{1,15}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 0) throw invalidParameter('PageToken', 'is not a token this server issued');
  return seq;
}

/** Autopilot's list envelope: the items under their key, and `meta` with absolute page URLs. */
export function listEnvelope<T>(key: string, listUrl: string, query: ListQuery, page: Page<T>, render: (item: T) => unknown): Record<string, unknown> {
  const pageUrl = (pageNumber: number, token?: string): string => {
    const params = new URLSearchParams();
    for (const [name, value] of query.filters) params.set(name, value);
    params.set('PageSize', String(query.pageSize));
    params.set('Page', String(pageNumber));
    if (token !== undefined) params.set('PageToken', token);
    return `${listUrl}?${params.toString()}`;
  };
  const nextToken = page.lastSeq === null ? undefined : `${TOKEN_PREFIX}${page.lastSeq}`;
  return {
    [key]: page.items.map(render),
    meta: {
      page: query.page,
      page_size: query.pageSize,
      first_page_url: pageUrl(0),
      previous_page_url: query.page > 0 ? pageUrl(query.page - 1) : null,
      url: pageUrl(query.page, query.pageToken),
      next_page_url: page.hasMore ? pageUrl(query.page + 1, nextToken) : null,
      key,
    },
  };
}
