import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS, WEBHOOK_ERRORS } from '../../src/errors/error-catalogue.js';
import { DIALOGUE_ERRORS } from '../../src/dialogue/dialogue-errors.js';
import { BUILD_ERRORS } from '../../src/nlu/training-set.js';

describe('error catalogue', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const documented = new Map([...doc.matchAll(/^\| (\d{5}) \| (\d{3}|-) \|/gm)].map((m) => [Number(m[1]), m[2]]));

  it('documents every code with its HTTP status, and nothing else', () => {
    const catalogue = new Map<number, string>([
      ...Object.values(ERRORS).map((e) => [e.code, String(e.status)] as [number, string]),
      ...Object.values(BUILD_ERRORS).map((code) => [code, '-'] as [number, string]),
      ...Object.values(WEBHOOK_ERRORS).map((code) => [code, '-'] as [number, string]),
      ...Object.values(DIALOGUE_ERRORS).map((code) => [code, '-'] as [number, string]),
    ]);
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(catalogue));
  });

  it('never reuses a code', () => {
    const codes = [...Object.values(ERRORS).map((e) => e.code), ...Object.values(BUILD_ERRORS), ...Object.values(WEBHOOK_ERRORS), ...Object.values(DIALOGUE_ERRORS)];
    expect(new Set(codes).size).toBe(codes.length);
  });
});
