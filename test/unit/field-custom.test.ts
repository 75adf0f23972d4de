import { describe, expect, it } from 'vitest';
import { findValues, recogniseAnswer, type CustomFieldType, type RecogniseContext } from '../../src/nlu/fields/field-recognition.js';

const EN: RecogniseContext = { referenceTime: new Date('2024-03-15T02:00:00Z'), timeZone: 'America/New_York', language: 'en-US' };
const ES: RecogniseContext = { ...EN, language: 'es-MX' };

const value = (v: string, synonymOf: string | null = null, language = 'en-US') => ({ language, value: v, synonymOf });

const FOOD: CustomFieldType = {
  name: 'Custom.FOOD',
  values: [
    value('Soft Drink'), value('soda', 'soft drink'), value('coke', 'Soft Drink'),
    value('orange'), value('orange juice'), value('OJ', 'orange juice'),
    value('coffee'), value('café', 'coffee'), value('jalapeño'), value('sandwich'), value('taco'), value('berry'),
    value('hot dog'), value('chocolate cake'), value('tea'), value('porkchop'), value('pork'), value('cheeseburger'),
    value('café con leche', null, 'es-MX'), value('pastel', null, 'es-MX'), value('tacos al pastor', null, 'es-MX'),
  ],
};
const ROOMS: CustomFieldType = { name: 'CUSTOM.numBedrooms', values: [value('studio'), value('1'), value('one', '1'), value('2'), value('two', '2')] };
const types = new Map([[FOOD.name, FOOD], [ROOMS.name, ROOMS]]);
const answer = (type: string, text: string, ctx = EN): string | null => recogniseAnswer(type, text, types, ctx)?.value ?? null;

describe('custom field types', () => {
  it.each([
    // synonyms give the canonical value, spelt as the canonical value is stored
    ['a coke please', 'Soft Drink'],
    ['SODA', 'Soft Drink'],
    ['some OJ', 'orange juice'],
    ['a Café', 'coffee'],
    // case and accents
    ['JALAPENO', 'jalapeño'],
    ['Jalapeño', 'jalapeño'],
    // typos: one edit from five letters, two from nine
    ['cofee', 'coffee'],
    ['a sandwhich', 'sandwich'],
    ['chocolat cake', 'chocolate cake'],
    ['a cake', null],
    ['cheesburgr', 'cheeseburger'],
    // plurals
    ['two tacos', 'taco'],
    ['berries', 'berry'],
    ['hot dogs', 'hot dog'],
    ['sandwiches', 'sandwich'],
    // multi-word values, longest match wins
    ['orange juice', 'orange juice'],
    ['an orange', 'orange'],
    ['a pork chop', 'porkchop'],
    // written as one word or split in two, plurals included: the joined value beats the first word alone
    ['pork chops', 'porkchop'],
    ['two porkchops', 'porkchop'],
    ['pork', 'pork'],
    ['hotdogs', 'hot dog'],
    // short words need an exact match
    ['tee', null],
    ['the team', null],
    ['ten', null],
    ['I want nothing', null],
  ])('reads %j as %j', (text, expected) => {
    expect(answer('Custom.FOOD', text)).toBe(expected);
  });

  it('bounds its typo search on long text against a large type, and still finds exact values and typos early on', () => {
    // 5,000 values of one shape and 256 words of that shape used to try 1.3 million typo comparisons (~1.4 s).
    const values = Array.from({ length: 5000 }, (_, i) => ({ language: 'en-US', value: `sample${String(i).padStart(4, '0')}`, synonymOf: null }));
    const big = new Map([['Custom.BIG', { name: 'Custom.BIG', values }]]);
    const found = findValues('Custom.BIG', `${'sampled '.repeat(256)}and sample4999`, big, EN);
    expect(found.map((v) => v.value)).toContain('sample4999');
    const kinds = new Map([['Custom.KIND', { name: 'Custom.KIND', values: [{ language: 'en-US', value: 'margherita', synonymOf: null }] }]]);
    expect(recogniseAnswer('Custom.KIND', 'margarita please', kinds, EN)?.value).toBe('margherita');
  });

  it('finds the type by name in any case', () => {
    expect(answer('custom.food', 'tea')).toBe('tea');
    expect(answer('Custom.Unknown', 'tea')).toBeNull();
  });

  it('reports the span of the match', () => {
    expect(recogniseAnswer('Custom.FOOD', 'I would like orange juice please', types, EN)).toEqual({ value: 'orange juice', start: 13, end: 25 });
  });

  it('finds every value in a sentence, without overlaps', () => {
    expect(findValues('Custom.FOOD', 'a coke, an orange juice and two hot dogs', types, EN).map((v) => v.value))
      .toEqual(['Soft Drink', 'orange juice', 'hot dog']);
    expect(findValues('CUSTOM.numBedrooms', 'Do you have two or 3 bedroom apartments', types, EN).map((v) => v.value)).toEqual(['2']);
  });

  it('uses the values of the context language, with its plural rules', () => {
    expect(answer('Custom.FOOD', 'un cafe con leche por favor', ES)).toBe('café con leche');
    expect(answer('Custom.FOOD', 'dos pasteles', ES)).toBe('pastel');
    expect(answer('Custom.FOOD', 'unos tacos al pastor', ES)).toBe('tacos al pastor');
    expect(answer('Custom.FOOD', 'coke', ES)).toBeNull();
  });
});
