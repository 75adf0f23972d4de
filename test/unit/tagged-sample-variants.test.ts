import { describe, expect, it } from 'vitest';
import { taggedSampleVariants } from '../../src/nlu/tagged-sample-variants.js';

const items = { name: 'Custom.ITEMS', values: [
  { language: 'en-US', value: 'towel', synonymOf: null }, { language: 'en-US', value: 'pillow', synonymOf: null },
  { language: 'en-US', value: 'towels', synonymOf: 'towel' }, { language: 'es-ES', value: 'toalla', synonymOf: null },
] };

describe('tagged sample variants', () => {
  const types = new Map([['Custom.ITEMS', items]]);

  it('fills tags with values of the field type, canonical values first', () => {
    expect(taggedSampleVariants('send {item} please', 'en-US', new Map([['item', 'Custom.ITEMS']]), types))
      .toEqual(['send towel please', 'send pillow please', 'send towels please']);
  });

  it('uses the sample language for custom values, English examples for built-ins', () => {
    expect(taggedSampleVariants('trae {item}', 'es-ES', new Map([['item', 'Custom.ITEMS']]), types)).toEqual(['trae toalla']);
    expect(taggedSampleVariants('for {n} nights on {d}', 'en-US', new Map([['n', 'Twilio.NUMBER'], ['d', 'Twilio.DATE']]), types))
      .toEqual(['for 2 nights on tomorrow', 'for ten nights on june 5th', 'for 35 nights on next friday']);
  });

  it('adds nothing for untagged samples or tags it cannot fill', () => {
    expect(taggedSampleVariants('hello there', 'en-US', new Map(), types)).toEqual([]);
    expect(taggedSampleVariants('call {who}', 'en-US', new Map(), types)).toEqual([]);
  });
});
