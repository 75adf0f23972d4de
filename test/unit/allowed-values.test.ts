import { describe, expect, it } from 'vitest';
import { allowedValueNamed } from '../../src/dialogue/allowed-values.js';

describe('allowed_values', () => {
  const list = ['C', 'C#', 'C++', 'F#', '-1', '1', '?', '...', 'U.S.', 'US', 'Yes!', 'yes', 'Large', 'New York'];

  it.each([
    ['C#', 'C#'], ['Ｃ＃', 'C#'], ['c', 'C'], ['1', '1'], ['-1', '-1'], ['yes', 'yes'], ['Yes!', 'Yes!'], ['?', '?'], ['...', '...'],
    ['Large.', 'Large'], ['large!', 'Large'], ['  new   york. ', 'New York'], ['us', 'US'], ['u.s.', 'U.S.'],
  ])('%j names %j', (answer, expected) => {
    expect(allowedValueNamed(list, answer)).toBe(expected);
  });

  it('takes values that differ only in case as one value', () => {
    expect(allowedValueNamed(['Yes', 'yes', 'No', 'no'], 'Yes.')).toBe('Yes');
    expect(allowedValueNamed(['Large', 'large'], 'large!')).toBe('Large');
  });

  it.each(['Medium', '!!', '', 'C#!?'])('%j names none', (answer) => {
    expect(allowedValueNamed(list, answer)).toBeNull();
  });
});
