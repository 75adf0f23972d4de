import { describe, expect, it } from 'vitest';
import type { CollectionRef, LeaseInTurn, RecordStore } from '../../src/store/record-store.js';

/** The fencing token of a grant; anything else fails the test. */
function tokenOf(outcome: LeaseInTurn): number {
  if (typeof outcome !== 'object') throw new Error(`expected a grant, got ${outcome}`);
  return outcome.token;
}

interface Item {
  readonly sid: string;
  readonly uniqueName?: string | null;
  readonly n: number;
}

/**
 * The behaviour every RecordStore must have; run against Redis and the embedded store.
 * `open` gives a fresh, empty store per test (a new key prefix on Redis).
 */
export function recordStoreContract(name: string, open: () => Promise<{ store: RecordStore; close(): Promise<void> }>): void {
  const withStore = (fn: (store: RecordStore) => Promise<void>) => async () => {
    const { store, close } = await open();
    try {
      await fn(store);
    } finally {
      await close();
    }
  };
  const col = (path: string, scope = 'UAscope'): CollectionRef => ({ scope, path });
  const item = (i: number, uniqueName?: string | null): Item => ({ sid: `SID${i}`, uniqueName, n: i });

  describe(`RecordStore contract: ${name}`, () => {
    it('drops everything a scope holds, and nothing of another scope', withStore(async (store) => {
      for (const scope of ['UAgone', 'UAkept']) {
        await store.insert(col('tasks', scope), item(1, 'one'), { set: { flag: 'x' } });
        await store.putValue(scope, 'state', 'S');
        const token = tokenOf((await store.joinLine(scope, 'conv', 5_000, 5_000)).outcome);
        await store.takeTicket(scope, 'conv', 5_000); // a message left waiting
        expect(token).toBeGreaterThan(0);
      }
      await store.dropScope('UAgone');
      expect(await store.get(col('tasks', 'UAgone'), 'SID1')).toBeNull();
      expect(await store.findSidByName(col('tasks', 'UAgone'), 'one')).toBeNull();
      expect(await store.count(col('tasks', 'UAgone'))).toBe(0);
      expect(await store.readMeta('UAgone')).toEqual({});
      expect(await store.getValue('UAgone', 'state')).toBeNull();
      expect(await store.acquireLease('UAgone', 'conv', 5_000)).toBeGreaterThan(0); // lease and line gone
      expect(await store.get(col('tasks', 'UAkept'), 'SID1')).toEqual(item(1, 'one'));
      expect(await store.readMeta('UAkept')).toMatchObject({ flag: 'x' });
      expect(await store.getValue('UAkept', 'state')).toBe('S');
      expect(await store.acquireLease('UAkept', 'conv', 5_000)).toBeNull();
    }));

    it('inserts and reads back by SID and unique name', withStore(async (store) => {
      expect(await store.insert(col('tasks'), item(1, 'one'))).toBe('ok');
      expect(await store.get(col('tasks'), 'SID1')).toEqual(item(1, 'one'));
      expect(await store.findSidByName(col('tasks'), 'one')).toBe('SID1');
      expect(await store.get(col('tasks'), 'SID2')).toBeNull();
      expect(await store.findSidByName(col('other'), 'one')).toBeNull();
    }));

    it('keeps unique names unique per collection, not across collections', withStore(async (store) => {
      await store.insert(col('tasks'), item(1, 'same'));
      expect(await store.insert(col('tasks'), item(2, 'same'))).toBe('duplicate-name');
      expect(await store.get(col('tasks'), 'SID2')).toBeNull();
      expect(await store.insert(col('field-types'), item(3, 'same'))).toBe('ok');
      expect(await store.insert(col('tasks', 'UAother'), item(4, 'same'))).toBe('ok');
      expect(await store.insert(col('tasks'), item(1, 'different'))).toBe('duplicate-sid');
    }));

    it('records without a unique name never clash', withStore(async (store) => {
      expect(await store.insert(col('samples'), item(1))).toBe('ok');
      expect(await store.insert(col('samples'), item(2, null))).toBe('ok');
      expect(await store.count(col('samples'))).toBe(2);
    }));

    it('updates move the unique-name entry and refuse a taken name', withStore(async (store) => {
      await store.insert(col('tasks'), item(1, 'a'));
      await store.insert(col('tasks'), item(2, 'b'));
      expect(await store.update(col('tasks'), { ...item(1, 'b') })).toBe('duplicate-name');
      expect(await store.get(col('tasks'), 'SID1')).toEqual(item(1, 'a'));
      expect(await store.update(col('tasks'), { ...item(1, 'c'), n: 10 } as Item)).toBe('ok');
      expect(await store.findSidByName(col('tasks'), 'a')).toBeNull();
      expect(await store.findSidByName(col('tasks'), 'c')).toBe('SID1');
      expect((await store.get<Item>(col('tasks'), 'SID1'))?.n).toBe(10);
      expect(await store.update(col('tasks'), item(9, 'x'))).toBe('missing');
    }));

    it('applies meta effects atomically with writes', withStore(async (store) => {
      await store.insert(col('tasks'), item(1, 'a'), { incr: { version: 1 }, set: { flag: 'on' } });
      await store.update(col('tasks'), item(1, 'a'), { incr: { version: 2 } });
      expect(await store.update(col('tasks'), item(2, 'zz'), { incr: { version: 100 } })).toBe('missing');
      const meta = await store.readMeta('UAscope');
      expect(meta.version).toBe('3');
      expect(meta.flag).toBe('on');
    }));

    it('advances a meta field with the fields it guards, never back', withStore(async (store) => {
      const advance = (n: number, to: number, who: string) => store.update(col('tasks'), item(1, `v${n}`), { advance: { field: 'built', to, set: { latest: who } } });
      await store.insert(col('tasks'), item(1, 'v0'));
      expect(await advance(1, 2, 'second')).toBe('ok');
      expect(await store.readMeta('UAscope')).toMatchObject({ built: '2', latest: 'second' });
      // Going back changes no meta field; the record is still written.
      expect(await advance(2, 1, 'first')).toBe('ok');
      expect(await store.readMeta('UAscope')).toMatchObject({ built: '2', latest: 'second' });
      expect((await store.get<Item>(col('tasks'), 'SID1'))?.uniqueName).toBe('v2');
      // Equal goes ahead, as does a field that was never set (0).
      expect(await advance(3, 2, 'again')).toBe('ok');
      expect(await store.readMeta('UAscope')).toMatchObject({ built: '2', latest: 'again' });
      await store.update(col('tasks'), item(1, 'v4'), { advance: { field: 'other', to: 0, set: { mark: 'x' } } });
      expect(await store.readMeta('UAscope')).toMatchObject({ other: '0', mark: 'x' });
    }));

    it('updates only while the record is still the version read (unchangedSince)', withStore(async (store) => {
      await store.insert(col('tasks'), item(1, 'a'));
      const read = (await store.get<Item>(col('tasks'), 'SID1'))!;
      expect(await store.update(col('tasks'), { ...read, n: 2 } as Item, undefined, { unchangedSince: read })).toBe('ok');
      // A second writer that read the same version finds it changed: nothing written, no effects.
      expect(await store.update(col('tasks'), { ...read, n: 3, uniqueName: 'b' } as Item, { set: { touched: 'yes' } }, { unchangedSince: read })).toBe('changed');
      expect(await store.get<Item>(col('tasks'), 'SID1')).toMatchObject({ n: 2, uniqueName: 'a' });
      expect(await store.findSidByName(col('tasks'), 'b')).toBeNull();
      expect((await store.readMeta('UAscope')).touched).toBeUndefined();
      const again = (await store.get<Item>(col('tasks'), 'SID1'))!;
      expect(await store.update(col('tasks'), { ...again, n: 3 } as Item, undefined, { unchangedSince: again })).toBe('ok');
      expect(await store.update(col('tasks'), item(9, 'x'), undefined, { unchangedSince: item(9, 'x') })).toBe('missing');
    }));

    it('inserts a child only while its parent exists', withStore(async (store) => {
      await store.insert(col('tasks'), item(1, 'parent'));
      const children = col('tasks/SID1/samples');
      expect(await store.insert(children, item(2), { incr: { version: 1 } }, 0, { collection: col('tasks'), sid: 'SID1' })).toBe('ok');
      expect(await store.remove(col('tasks'), 'SID1', { cascade: [children] })).toEqual({ kind: 'ok' });
      expect(await store.insert(children, item(3), { incr: { version: 1 } }, 0, { collection: col('tasks'), sid: 'SID1' })).toBe('missing-parent');
      expect(await store.get(children, 'SID3')).toBeNull();
      expect((await store.readMeta('UAscope')).version).toBe('1');
    }));

    it('clears a meta field only while it holds the given value', withStore(async (store) => {
      await store.insert(col('tasks'), item(1, 'a'), { set: { latest: 'B2', other: 'B1' } });
      await store.update(col('tasks'), item(1, 'a'), { clearIf: { latest: 'B1', other: 'B1' } });
      expect(await store.readMeta('UAscope')).toMatchObject({ latest: 'B2', other: '' });
      expect(await store.remove(col('tasks'), 'SID1', {}, { clearIf: { latest: 'B2' } })).toEqual({ kind: 'ok' });
      expect(await store.readMeta('UAscope')).toMatchObject({ latest: '' });
    }));

    it('removes with guards, counters and cascades', withStore(async (store) => {
      const children = col('tasks/SID1/samples');
      await store.insert(col('tasks'), item(1, 'parent'));
      await store.insert(children, item(2));
      const guarded = await store.remove(col('tasks'), 'SID1', { emptyCollections: [children] });
      expect(guarded).toEqual({ kind: 'blocked', by: 'tasks/SID1/samples' });
      expect(await store.get(col('tasks'), 'SID1')).not.toBeNull();

      await store.insert(col('types'), item(3, 'type'), { incr: { 'refs:SID3': 1 } });
      expect(await store.remove(col('types'), 'SID3', { zeroCounters: ['refs:SID3'] })).toEqual({ kind: 'blocked', by: 'refs:SID3' });
      await store.insert(col('misc'), item(9), { incr: { 'refs:SID3': -1 } });
      const values = col('types/SID3/values');
      await store.insert(values, item(4, 'v'));
      expect(await store.remove(col('types'), 'SID3', { zeroCounters: ['refs:SID3'], cascade: [values] }, { incr: { removed: 1 } }))
        .toEqual({ kind: 'ok' });
      expect(await store.count(values)).toBe(0);
      expect(await store.findSidByName(values, 'v')).toBeNull();
      expect(await store.findSidByName(col('types'), 'type')).toBeNull();
      expect((await store.readMeta('UAscope')).removed).toBe('1');
      expect(await store.remove(col('types'), 'SID3')).toEqual({ kind: 'missing' });
    }));

    it('removes records alongside another in the same step, each leaving a tombstone for a while', withStore(async (store) => {
      const values = col('types/SID1/values');
      for (const i of [1, 2, 3, 4]) await store.insert(values, item(i, `v${i}`));
      const alongside = { sids: ['SID2', 'SID3', 'SID9'], tombstoneSeconds: 1 };
      expect(await store.remove(values, 'SID1', { alongside }, { incr: { version: 1 } })).toEqual({ kind: 'ok' });
      expect((await store.list<Item>(values, { limit: 10 })).items.map((i) => i.sid)).toEqual(['SID4']);
      expect(await store.findSidByName(values, 'v2')).toBeNull();
      expect((await store.readMeta('UAscope')).version).toBe('1');
      // Removed alongside: tombstoned. Removed itself, never there (SID9) or kept: not.
      expect(await store.removedAlongside(values, 'SID2')).toBe(true);
      expect(await store.removedAlongside(values, 'SID3')).toBe(true);
      for (const sid of ['SID1', 'SID9', 'SID4']) expect(await store.removedAlongside(values, sid), sid).toBe(false);
      expect(await store.removedAlongside(col('types/SID5/values'), 'SID2')).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await store.removedAlongside(values, 'SID2')).toBe(false);
    }));

    it('moves a record between collections keeping its data, and refuses a taken name', withStore(async (store) => {
      await store.insert(col('live', 'ACx'), item(1, 'bot'));
      expect(await store.move(col('live', 'ACx'), col('trash', 'ACx'), 'SID1')).toBe('ok');
      expect(await store.get(col('live', 'ACx'), 'SID1')).toBeNull();
      expect(await store.findSidByName(col('live', 'ACx'), 'bot')).toBeNull();
      expect(await store.get(col('trash', 'ACx'), 'SID1')).toEqual(item(1, 'bot'));
      await store.insert(col('live', 'ACx'), item(2, 'bot'));
      expect(await store.move(col('trash', 'ACx'), col('live', 'ACx'), 'SID1')).toBe('duplicate-name');
      expect(await store.get(col('trash', 'ACx'), 'SID1')).not.toBeNull();
      expect(await store.move(col('trash', 'ACx'), col('live', 'ACx'), 'SID7')).toBe('missing');
    }));

    it('lists in insertion order with offsets, continuation and filters', withStore(async (store) => {
      for (let i = 1; i <= 7; i += 1) await store.insert(col('samples'), item(i));
      await store.remove(col('samples'), 'SID4');
      const first = await store.list<Item>(col('samples'), { limit: 3 });
      expect(first.items.map((x) => x.n)).toEqual([1, 2, 3]);
      expect(first.hasMore).toBe(true);
      const next = await store.list<Item>(col('samples'), { limit: 3, afterSeq: first.lastSeq! });
      expect(next.items.map((x) => x.n)).toEqual([5, 6, 7]);
      expect(next.hasMore).toBe(false);
      const byOffset = await store.list<Item>(col('samples'), { limit: 2, offset: 4 });
      expect(byOffset.items.map((x) => x.n)).toEqual([6, 7]);
      const odd = await store.list<Item>(col('samples'), { limit: 2, filter: (r) => (r.n as number) % 2 === 1 });
      expect(odd.items.map((x) => x.n)).toEqual([1, 3]);
      expect(odd.hasMore).toBe(true);
      const oddRest = await store.list<Item>(col('samples'), { limit: 5, afterSeq: odd.lastSeq!, filter: (r) => (r.n as number) % 2 === 1 });
      expect(oddRest.items.map((x) => x.n)).toEqual([5, 7]);
      expect((await store.list(col('empty'), { limit: 5 })).items).toEqual([]);
    }));

    it('keeps at most `keep` records when asked, dropping the oldest', withStore(async (store) => {
      for (let i = 1; i <= 5; i += 1) expect(await store.insert(col('queries'), item(i), undefined, 3)).toBe('ok');
      expect(await store.count(col('queries'))).toBe(3);
      expect((await store.list<Item>(col('queries'), { limit: 10 })).items.map((x) => x.n)).toEqual([3, 4, 5]);
      expect(await store.get(col('queries'), 'SID1')).toBeNull();
    }));

    it('pages through more records than one scan chunk', withStore(async (store) => {
      for (let i = 0; i < 1200; i += 1) await store.insert(col('queries'), item(i));
      const filtered = await store.list<Item>(col('queries'), { limit: 1000, offset: 10, filter: (r) => (r.n as number) % 3 === 0 });
      expect(filtered.items).toHaveLength(390);
      expect(filtered.items[0]?.n).toBe(30);
    }));

    it('grants a lease to one holder at a time, with growing fencing tokens', withStore(async (store) => {
      const first = await store.acquireLease('UAscope', 'conv-1', 5_000);
      expect(first).toBeGreaterThan(0);
      expect(await store.acquireLease('UAscope', 'conv-1', 5_000)).toBeNull();
      expect(await store.acquireLease('UAscope', 'conv-2', 5_000)).not.toBeNull();
      await store.releaseLease('UAscope', 'conv-1', first! + 1);
      expect(await store.acquireLease('UAscope', 'conv-1', 5_000)).toBeNull();
      await store.releaseLease('UAscope', 'conv-1', first!);
      const second = await store.acquireLease('UAscope', 'conv-1', 5_000);
      expect(second).toBeGreaterThan(first!);
    }));

    it('grants a lease in line order: only the oldest ticket, only while the lease is free', withStore(async (store) => {
      const [t1, t2, t3] = [
        await store.takeTicket('UAscope', 'conv', 5_000), await store.takeTicket('UAscope', 'conv', 5_000), await store.takeTicket('UAscope', 'conv', 5_000),
      ];
      expect(t1).toBeLessThan(t2);
      expect(t2).toBeLessThan(t3);
      expect(await store.leaseInTurn('UAscope', 'conv', t2, 5_000)).toBe('wait');
      expect(await store.leaseInTurn('UAscope', 'conv', t3, 5_000)).toBe('wait');
      const first = tokenOf(await store.leaseInTurn('UAscope', 'conv', t1, 5_000));
      expect(first).toBeGreaterThan(0);
      // t2 heads the line now, but the lease is held.
      expect(await store.leaseInTurn('UAscope', 'conv', t2, 5_000)).toBe('wait');
      expect(await store.acquireLease('UAscope', 'conv', 5_000)).toBeNull();
      await store.releaseLease('UAscope', 'conv', first);
      expect(await store.leaseInTurn('UAscope', 'conv', t3, 5_000)).toBe('wait');
      const second = tokenOf(await store.leaseInTurn('UAscope', 'conv', t2, 5_000));
      expect(second).toBeGreaterThan(first);
      // A served ticket is out of the line.
      expect(await store.leaseInTurn('UAscope', 'conv', t1, 5_000)).toBe('lapsed');
      // Lines are per lease key.
      const other = await store.takeTicket('UAscope', 'conv-2', 5_000);
      expect(tokenOf(await store.leaseInTurn('UAscope', 'conv-2', other, 5_000))).toBeGreaterThan(0);
    }));

    it('reads values with a grant, in the order asked, null for a missing one', withStore(async (store) => {
      await store.putValue('UAscope', 'state', 'S1');
      await store.putValue('UAscope', 'reply', 'R1');
      const ticket = await store.takeTicket('UAscope', 'conv', 5_000);
      expect(await store.leaseInTurn('UAscope', 'conv', ticket, 5_000, ['reply', 'absent', 'state'])).toEqual({ token: expect.any(Number), values: ['R1', null, 'S1'], followers: [] });
    }));

    it('joins the line and takes a free lease in one step; behind a holder it waits in line', withStore(async (store) => {
      await store.putValue('UAscope', 'state', 'S1');
      const first = await store.joinLine('UAscope', 'conv', 5_000, 5_000, ['state']);
      expect(first.outcome).toEqual({ token: expect.any(Number), values: ['S1'], followers: [] });
      const second = await store.joinLine('UAscope', 'conv', 5_000, 5_000, ['state']);
      expect(second.ticket).toBeGreaterThan(first.ticket);
      expect(second.outcome).toBe('wait');
      // A plain ticket taken later stays behind the joined one.
      const third = await store.takeTicket('UAscope', 'conv', 5_000);
      expect(third).toBeGreaterThan(second.ticket);
      await store.releaseLease('UAscope', 'conv', tokenOf(first.outcome));
      expect(await store.leaseInTurn('UAscope', 'conv', third, 5_000)).toBe('wait');
      const granted = await store.leaseInTurn('UAscope', 'conv', second.ticket, 5_000, ['state']);
      expect(tokenOf(granted)).toBeGreaterThan(tokenOf(first.outcome));
    }));

    it('serves a message at once without a ticket when nobody waits; the next one stands in line', withStore(async (store) => {
      const first = await store.joinLine('UAscope', 'conv', 5_000, 5_000);
      expect(first.ticket).toBe(0);
      expect(tokenOf(first.outcome)).toBeGreaterThan(0);
      const second = await store.joinLine('UAscope', 'conv', 5_000, 5_000);
      expect(second.ticket).toBeGreaterThan(0);
      expect(second.outcome).toBe('wait');
      await store.releaseLease('UAscope', 'conv', tokenOf(first.outcome));
      // A message arriving now is behind the one in line, not served at once.
      const third = await store.joinLine('UAscope', 'conv', 5_000, 5_000);
      expect(third.outcome).toBe('wait');
      expect(tokenOf(await store.leaseInTurn('UAscope', 'conv', second.ticket, 5_000))).toBeGreaterThan(tokenOf(first.outcome));
    }));

    it('serves the asking holder\'s tickets right behind the granted one with it, up to the first of someone else and at most max', withStore(async (store) => {
      const take = (holder: string) => store.takeTicket('UAscope', 'conv', 5_000, holder);
      const [mine1, mine2, mine3, theirs, mine4] = [await take('me'), await take('me'), await take('me'), await take('them'), await take('me')];
      const granted = await store.leaseInTurn('UAscope', 'conv', mine1, 5_000, ['state'], { holder: 'me', max: 10 });
      expect(granted).toEqual({ token: expect.any(Number), values: [null], followers: [mine2, mine3] });
      // The served followers left the line; the other holder's ticket is next, then ours again.
      expect(await store.leaseInTurn('UAscope', 'conv', mine2, 5_000)).toBe('lapsed');
      await store.releaseLease('UAscope', 'conv', tokenOf(granted));
      expect(await store.leaseInTurn('UAscope', 'conv', mine4, 5_000)).toBe('wait');
      const next = await store.leaseInTurn('UAscope', 'conv', theirs, 5_000, [], { holder: 'them', max: 10 });
      expect(next).toEqual({ token: expect.any(Number), values: [], followers: [] });
      await store.releaseLease('UAscope', 'conv', tokenOf(next));
      expect(tokenOf(await store.leaseInTurn('UAscope', 'conv', mine4, 5_000))).toBeGreaterThan(tokenOf(next));
    }));

    it('serves no more followers than asked for, and none without a group', withStore(async (store) => {
      const take = () => store.takeTicket('UAscope', 'conv', 5_000, 'me');
      const [first, second, third, fourth] = [await take(), await take(), await take(), await take()];
      const capped = await store.leaseInTurn('UAscope', 'conv', first, 5_000, [], { holder: 'me', max: 1 });
      expect(typeof capped === 'object' && capped.followers).toEqual([second]);
      await store.releaseLease('UAscope', 'conv', tokenOf(capped));
      const alone = await store.leaseInTurn('UAscope', 'conv', third, 5_000);
      expect(typeof alone === 'object' && alone.followers).toEqual([]);
      await store.releaseLease('UAscope', 'conv', tokenOf(alone));
      expect(tokenOf(await store.leaseInTurn('UAscope', 'conv', fourth, 5_000))).toBeGreaterThan(tokenOf(alone));
    }));

    it('serves a ticket whose answer is still on its way: calls run in the order they are made', withStore(async (store) => {
      const joined = await store.joinLine('UAscope', 'conv', 5_000, 5_000, [], 'me');
      const waiting = await store.joinLine('UAscope', 'conv', 5_000, 5_000, [], 'me'); // behind the holder, in line
      await store.releaseLease('UAscope', 'conv', tokenOf(joined.outcome));
      const taking = store.takeTicket('UAscope', 'conv', 5_000, 'me'); // not awaited before the grant is asked for
      const granted = await store.leaseInTurn('UAscope', 'conv', waiting.ticket, 5_000, [], { holder: 'me', max: 5 });
      expect(typeof granted === 'object' && granted.followers).toEqual([await taking]);
    }));

    it('serves followers past lapsed tickets of others, never past live ones or lapsed ones of its own', withStore(async (store) => {
      const first = await store.takeTicket('UAscope', 'conv', 5_000, 'me');
      await store.takeTicket('UAscope', 'conv', 100, 'them'); // another holder's, about to lapse
      const second = await store.takeTicket('UAscope', 'conv', 5_000, 'me');
      await store.takeTicket('UAscope', 'conv', 100, 'me'); // ours, about to lapse
      const third = await store.takeTicket('UAscope', 'conv', 5_000, 'me');
      await new Promise((resolve) => setTimeout(resolve, 150));
      const granted = await store.leaseInTurn('UAscope', 'conv', first, 5_000, [], { holder: 'me', max: 10 });
      expect(typeof granted === 'object' && granted.followers).toEqual([second]);
      await store.releaseLease('UAscope', 'conv', tokenOf(granted));
      expect(tokenOf(await store.leaseInTurn('UAscope', 'conv', third, 5_000))).toBeGreaterThan(tokenOf(granted));
    }));

    it('writes, expires and deletes values in one fenced write', withStore(async (store) => {
      await store.putValue('UAscope', 'gone', 'old');
      const token = (await store.acquireLease('UAscope', 'conv', 5_000))!;
      const value = JSON.stringify({ text: 'quotes " and \\ backslashes, emoji \u{1F600}', n: [1, 2] });
      expect(await store.fencedWrite('UAscope', { key: 'conv', token }, [
        { key: 'kept', value }, { key: 'gone', value: null }, { key: 'brief', value: 'x', ttlSeconds: 60 },
      ], { release: true })).toBe(true);
      expect(await store.getValue('UAscope', 'kept')).toBe(value);
      expect(await store.getValue('UAscope', 'gone')).toBeNull();
      expect(await store.getValue('UAscope', 'brief')).toBe('x');
    }));

    it('renews a kept lease with a fenced write when asked, so its holder can go on past the first expiry', withStore(async (store) => {
      const token = (await store.acquireLease('UAscope', 'conv', 100))!;
      expect(await store.fencedWrite('UAscope', { key: 'conv', token }, [{ key: 'state', value: 'one' }], { renewMs: 5_000 })).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await store.acquireLease('UAscope', 'conv', 5_000)).toBeNull();
      expect(await store.fencedWrite('UAscope', { key: 'conv', token }, [{ key: 'state', value: 'two' }], { release: true })).toBe(true);
      expect(await store.getValue('UAscope', 'state')).toBe('two');
    }));

    it('gives the lease back with a fenced write when asked, and only then', withStore(async (store) => {
      const token = (await store.acquireLease('UAscope', 'conv', 5_000))!;
      expect(await store.fencedWrite('UAscope', { key: 'conv', token }, [{ key: 'state', value: 'kept' }])).toBe(true);
      expect(await store.acquireLease('UAscope', 'conv', 5_000)).toBeNull();
      expect(await store.fencedWrite('UAscope', { key: 'conv', token }, [{ key: 'state', value: 'last' }], { release: true })).toBe(true);
      expect(await store.getValue('UAscope', 'state')).toBe('last');
      expect(await store.acquireLease('UAscope', 'conv', 5_000)).toBeGreaterThan(token);
    }));

    it('skips tickets that lapsed or were dropped, so they never block the line', withStore(async (store) => {
      const dead = await store.takeTicket('UAscope', 'conv', 100);
      const quitter = await store.takeTicket('UAscope', 'conv', 5_000);
      const patient = await store.takeTicket('UAscope', 'conv', 5_000);
      expect(await store.leaseInTurn('UAscope', 'conv', patient, 5_000)).toBe('wait');
      await store.dropTicket('UAscope', 'conv', quitter);
      expect(await store.leaseInTurn('UAscope', 'conv', quitter, 5_000)).toBe('lapsed');
      expect(await store.leaseInTurn('UAscope', 'conv', patient, 5_000)).toBe('wait');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(tokenOf(await store.leaseInTurn('UAscope', 'conv', patient, 5_000))).toBeGreaterThan(0);
      expect(await store.leaseInTurn('UAscope', 'conv', dead, 5_000)).toBe('lapsed');
      // A ticket issued later is still larger than every ticket before it.
      expect(await store.takeTicket('UAscope', 'conv', 5_000)).toBeGreaterThan(patient);
    }));

    it('keeps its holder\'s tickets in line past their first deadline, and no one else\'s', withStore(async (store) => {
      const mine = await store.takeTicket('UAscope', 'conv', 100, 'me');
      const theirs = await store.takeTicket('UAscope', 'conv', 100, 'them'); // its holder died: nobody keeps it
      const nobodys = await store.takeTicket('UAscope', 'conv', 100);
      const behind = await store.takeTicket('UAscope', 'conv', 5_000, 'me');
      expect(await store.extendTickets('UAscope', 'conv', 'me', [
        { ticket: theirs, ms: 5_000 }, { ticket: mine, ms: 5_000 }, { ticket: behind + 100, ms: 5_000 },
      ])).toEqual([mine]);
      expect(await store.extendTickets('UAscope', 'conv', '', [{ ticket: nobodys, ms: 5_000 }])).toEqual([]);
      expect(await store.extendTickets('UAscope', 'conv', 'me', [])).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 150));
      // Ours is still first in line; the other two lapsed and are skipped once ours is served.
      expect(await store.leaseInTurn('UAscope', 'conv', behind, 5_000)).toBe('wait');
      const granted = await store.leaseInTurn('UAscope', 'conv', mine, 5_000);
      await store.releaseLease('UAscope', 'conv', tokenOf(granted));
      expect(tokenOf(await store.leaseInTurn('UAscope', 'conv', behind, 5_000))).toBeGreaterThan(tokenOf(granted));
      expect(await store.leaseInTurn('UAscope', 'conv', theirs, 5_000)).toBe('lapsed');
      expect(await store.leaseInTurn('UAscope', 'conv', nobodys, 5_000)).toBe('lapsed');
    }));

    it('never brings back a ticket that left the line; keeps one past its deadline that nobody dropped', withStore(async (store) => {
      const token = (await store.acquireLease('UAscope', 'conv', 5_000))!;
      const late = await store.takeTicket('UAscope', 'conv', 100, 'me');
      const dropped = await store.takeTicket('UAscope', 'conv', 5_000, 'me');
      await store.dropTicket('UAscope', 'conv', dropped);
      await new Promise((resolve) => setTimeout(resolve, 150));
      // Nobody looked at the line meanwhile, so nobody behind the late one was served before it.
      expect(await store.extendTickets('UAscope', 'conv', 'me', [{ ticket: late, ms: 5_000 }, { ticket: dropped, ms: 5_000 }])).toEqual([late]);
      await store.releaseLease('UAscope', 'conv', token);
      const granted = await store.leaseInTurn('UAscope', 'conv', late, 5_000);
      expect(tokenOf(granted)).toBeGreaterThan(token);
      expect(await store.extendTickets('UAscope', 'conv', 'me', [{ ticket: late, ms: 5_000 }])).toEqual([]); // served
      expect(await store.leaseInTurn('UAscope', 'conv', dropped, 5_000)).toBe('lapsed');
    }));

    it('keeps the ticket of the holder asking in line while it waits (keepMs), even past its deadline', withStore(async (store) => {
      const token = (await store.acquireLease('UAscope', 'conv', 5_000))!;
      const mine = await store.takeTicket('UAscope', 'conv', 100, 'me');
      const theirs = await store.takeTicket('UAscope', 'conv', 100, 'them');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await store.leaseInTurn('UAscope', 'conv', mine, 5_000, [], { holder: 'me', max: 0, keepMs: 5_000 })).toBe('wait');
      // Asking for another holder's ticket is no sign of that holder's life.
      expect(await store.leaseInTurn('UAscope', 'conv', theirs, 5_000, [], { holder: 'me', max: 0, keepMs: 5_000 })).toBe('lapsed');
      await new Promise((resolve) => setTimeout(resolve, 150));
      await store.releaseLease('UAscope', 'conv', token);
      expect(tokenOf(await store.leaseInTurn('UAscope', 'conv', mine, 5_000))).toBeGreaterThan(token);
    }));

    it('writes fenced values only while the lease is held by that token', withStore(async (store) => {
      await store.putValue('UAscope', 'gone', 'old');
      const stale = (await store.acquireLease('UAscope', 'conv', 100))!;
      await new Promise((resolve) => setTimeout(resolve, 150));
      const fresh = (await store.acquireLease('UAscope', 'conv', 5_000))!;
      expect(fresh).toBeGreaterThan(stale);
      expect(await store.fencedWrite('UAscope', { key: 'conv', token: stale }, [{ key: 'state', value: 'stale' }])).toBe(false);
      expect(await store.getValue('UAscope', 'state')).toBeNull();
      expect(await store.fencedWrite('UAscope', { key: 'conv', token: fresh }, [
        { key: 'state', value: 'new', ttlSeconds: 60 }, { key: 'gone', value: null },
      ])).toBe(true);
      expect(await store.getValue('UAscope', 'state')).toBe('new');
      expect(await store.getValue('UAscope', 'gone')).toBeNull();
    }));

    it('adds log records with a fenced write, in order and up to their limit, and never with a stale one', withStore(async (store) => {
      const log = col('queries');
      await store.insert(log, item(1), undefined, 3);
      const stale = (await store.acquireLease('UAscope', 'conv', 100))!;
      await new Promise((resolve) => setTimeout(resolve, 150));
      const token = (await store.acquireLease('UAscope', 'conv', 5_000))!;
      const inserts = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ collection: log, record: item(from + i), keep: 3 }));
      expect(await store.fencedWrite('UAscope', { key: 'conv', token: stale }, [{ key: 'state', value: 'stale' }], { inserts: inserts(10, 11) })).toBe(false);
      expect((await store.list<Item>(log, { limit: 10 })).items.map((r) => r.n)).toEqual([1]);
      expect(await store.fencedWrite('UAscope', { key: 'conv', token }, [{ key: 'state', value: 'one' }], { inserts: inserts(2, 3), renewMs: 5_000 })).toBe(true);
      // With no value to write, the records still go; past the limit the oldest leave first.
      expect(await store.fencedWrite('UAscope', { key: 'conv', token }, [], { inserts: inserts(4, 5), release: true })).toBe(true);
      expect((await store.list<Item>(log, { limit: 10 })).items).toEqual([item(3), item(4), item(5)]);
      expect(await store.count(log)).toBe(3);
      expect(await store.getValue('UAscope', 'state')).toBe('one');
      // A record inserted afterwards still comes after them.
      await store.insert(log, item(6), undefined, 3);
      expect((await store.list<Item>(log, { limit: 10 })).items.map((r) => r.n)).toEqual([4, 5, 6]);
    }));

    it('keeps standalone values with a time to live', withStore(async (store) => {
      await store.putValue('UKdialogue', 'payload', 'hello', 0.2);
      await store.putValue('UKdialogue', 'forever', 'kept');
      expect(await store.getValue('UKdialogue', 'payload')).toBe('hello');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await store.getValue('UKdialogue', 'payload')).toBeNull();
      expect(await store.getValue('UKdialogue', 'forever')).toBe('kept');
      await store.deleteValue('UKdialogue', 'forever');
      expect(await store.getValue('UKdialogue', 'forever')).toBeNull();
    }));
  });
}
