import { describe, expect, it } from 'vitest';
import { firstNonUtf8Parameter } from '../../src/api/rest/utf8-input.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/util/json-depth.js';

const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('firstNonUtf8Parameter', () => {
  it.each([
    ['an ASCII Twilio form', bytes('From=%2B15551234567&To=%2B15557654321&Body=hello+there')],
    ['emoji as escapes', bytes(`Body=${encodeURIComponent('🦜 café')}`)],
    ['emoji as raw bytes', bytes('Body=🦜 café')],
    ['a stray percent sign, as curl -d sends it', bytes('Text=100% sure&UserId=u')],
    ['an escape of a percent sign', bytes('Text=%25FF')],
    ['an empty body', bytes('')],
  ])('accepts %s', (_what, body) => {
    expect(firstNonUtf8Parameter(body)).toBeNull();
  });

  it.each([
    ['raw bytes that are not UTF-8', bytes('A=1&Text=', [0xff, 0xc3, 0x28], '&B=2'), 'Text'],
    ['an escaped byte that starts nothing', bytes('UserId=%FF'), 'UserId'],
    ['an overlong escape', bytes('A=ok&B=%C0%AF'), 'B'],
    ['a truncated multi-byte escape', bytes(`Body=${encodeURIComponent('🦜').slice(0, 9)}`), 'Body'],
    ['a lone surrogate as escapes', bytes('Body=%ED%A0%80'), 'Body'],
    ['a name spelled with escapes', bytes(`${encodeURIComponent('Näme')}=%FF`), 'Näme'],
    ['a name that is itself not UTF-8', bytes('%FF=1'), ''],
  ])('names the parameter of %s', (_what, body, name) => {
    expect(firstNonUtf8Parameter(body)).toBe(name);
  });

  it('shortens a long name', () => {
    expect(firstNonUtf8Parameter(bytes(`${'n'.repeat(100)}=%FF`))).toBe(`${'n'.repeat(64)}…`);
  });
});

describe('nestsDeeperThan', () => {
  const objects = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
  const arrays = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

  it.each([
    ['objects', objects],
    ['arrays', arrays],
  ])('allows %s up to the limit and refuses one level more', (_what, make) => {
    expect(nestsDeeperThan(make(MAX_JSON_DEPTH))).toBe(false);
    expect(nestsDeeperThan(make(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('measures depths that would overflow JSON.stringify', () => {
    expect(nestsDeeperThan(arrays(20_000))).toBe(true);
  });

  it('looks at every branch and ignores scalars', () => {
    expect(nestsDeeperThan({ shallow: 1, list: [1, 'x', null], deep: { inner: arrays(MAX_JSON_DEPTH) } })).toBe(true);
    expect(nestsDeeperThan('text')).toBe(false);
    expect(nestsDeeperThan(null)).toBe(false);
  });
});
