import { describe, expect, it } from 'vitest';
import {
  extractFields, trainFieldExtractor, type CustomFieldType, type FieldTrainingTask, type RecogniseContext,
} from '../../src/nlu/fields/field-recognition.js';
import { tagSlots } from '../../src/nlu/fields/slot-tagger/tag-slots.js';
import { trainSlotTagger } from '../../src/nlu/fields/slot-tagger/train-slot-tagger.js';

const EN: RecogniseContext = { referenceTime: new Date('2024-03-15T02:00:00Z'), timeZone: 'America/New_York', language: 'en-US' };
const ES: RecogniseContext = { ...EN, language: 'es-ES' };

// Samples as the real templates (ApptScheduling, Hospitality, RealEstate) tag them: field names only, no values.
const TASKS: FieldTrainingTask[] = [
  {
    name: 'book_appointments',
    fields: [{ name: 'ApptDate', type: 'Twilio.DATE' }, { name: 'ApptTime', type: 'Twilio.TIME' }],
    samples: ['book appointment for {ApptTime} on {ApptDate}', 'Can I get a new appointment on {ApptDate}?', 'book appointment for {ApptDate}',
      "I'd like to book an appointment on {ApptDate} at {ApptTime}", 'book appointment for {ApptTime}',
      'I want an appointment at {ApptTime} on {ApptDate}', 'Can I have a new appointment at {ApptTime} on {ApptDate}?'],
  },
  {
    name: 'get_quantity',
    fields: [{ name: 'item', type: 'Custom.ROOMITEMS' }],
    samples: ['send {item} please', 'need {item}', 'get me {item}', '{item}', 'may we have {item}', 'can I have more {item}?',
      'get me more {item}', 'deliver another {item}', 'do you have more {item}', 'deliver {item}'],
  },
  {
    name: 'schedule_open_house',
    fields: [{ name: 'prospect_last_name', type: 'Twilio.LAST_NAME' }, { name: 'prospect_first_name', type: 'Twilio.FIRST_NAME' }],
    samples: ["My name is {prospect_first_name}. I'd like to set up an open house.",
      'I want to set up an open house. My name is {prospect_first_name} {prospect_last_name}.',
      'Can you help me set up an open house for {prospect_first_name} {prospect_last_name}.',
      "Hi, I'm {prospect_first_name} {prospect_last_name} calling. I'd like to schedule an open house.", 'Book an open house'],
  },
  {
    name: 'book_table',
    fields: [{ name: 'guest', type: 'Twilio.FIRST_NAME' }, { name: 'day', type: 'Twilio.DAY_OF_WEEK' }, { name: 'town', type: 'Twilio.CITY' }],
    samples: ['table for {guest} on {day}', 'a table for {guest} please', 'reserve a table in {town}', 'book a table in {town} on {day}'],
  },
  {
    name: 'order_status',
    fields: [{ name: 'orderNumber', type: 'Custom.ORDER_REFERENCE' }], // a type with no values: free text
    samples: ['I want to know if my order {orderNumber} shipped', 'where is order {orderNumber}', 'has my order {orderNumber} shipped yet'],
  },
  {
    name: 'reservar_mesa',
    fields: [{ name: 'fecha', type: 'Twilio.DATE' }, { name: 'hora', type: 'Twilio.TIME' }, { name: 'bebida', type: 'Custom.BEBIDAS' }],
    samples: ['quiero reservar una mesa para el {fecha} a las {hora}', 'reservar para {fecha}', 'una mesa a las {hora}', 'para beber {bebida}'],
  },
];
const TYPES: CustomFieldType[] = [
  { name: 'Custom.ROOMITEMS', values: ['toilet paper', 'towel', 'towels', 'toothpaste', 'hangers', 'hanger'].map((value) => ({ language: 'en-US', value, synonymOf: null })) },
  { name: 'Custom.BEBIDAS', values: [{ language: 'es-ES', value: 'café', synonymOf: null }, { language: 'es-ES', value: 'cafecito', synonymOf: 'café' }] },
  { name: 'Custom.UNUSED', values: [{ language: 'en-US', value: 'x', synonymOf: null }] },
];

const model = trainFieldExtractor(TASKS, TYPES);
const extract = (task: string, text: string, ctx = EN): Array<[string, string, string]> =>
  extractFields(model, task, text, ctx).map((f) => [f.name, f.value, text.slice(f.start, f.end)]);

describe('field extraction from tagged samples', () => {
  it.each([
    ['book_appointments', 'could I book an appointment at 3pm on Friday please', [['ApptTime', '15:00', '3pm'], ['ApptDate', '2024-03-15', 'Friday']]],
    ['book_appointments', 'I want to come in tomorrow at half past four', [['ApptDate', '2024-03-15', 'tomorrow'], ['ApptTime', '04:30', 'half past four']]],
    ['book_appointments', 'next monday works for me', [['ApptDate', '2024-03-18', 'next monday']]], // only candidate, untrained position
    ['book_appointments', 'monday or tuesday, I do not mind', []], // two candidates, neither in a learnt context
    ['book_appointments', 'hello', []],
    ['get_quantity', 'could you send me more towels', [['item', 'towels', 'towels']]],
    ['get_quantity', 'Toilet Paper', [['item', 'toilet paper', 'Toilet Paper']]],
    ['get_quantity', 'can I have more blankets?', [['item', 'blankets', 'blankets']]], // beyond the list, strong context
    ['get_quantity', 'I am leaving tomorrow', []],
    ['schedule_open_house', 'Hello, my name is Alice Walker and I want an open house.', [['prospect_first_name', 'Alice', 'Alice'], ['prospect_last_name', 'Walker', 'Walker']]],
    ['schedule_open_house', "Hi, I'm Zbigniew Brzezinski calling. I'd like to schedule an open house.", [['prospect_first_name', 'Zbigniew', 'Zbigniew'], ['prospect_last_name', 'Brzezinski', 'Brzezinski']]],
    ['schedule_open_house', 'my name is maria', [['prospect_first_name', 'Maria', 'maria']]],
    // Function and number words are no one's name (all lower case: no capitals to tell).
    ['book_table', 'book a table for the weekend', []],
    ['book_table', 'table for us on friday', [['day', 'Friday', 'friday']]],
    ['book_table', 'table for four on friday', [['day', 'Friday', 'friday']]],
    ['book_table', 'reserve a table in the city', []],
    ['book_table', 'table for zebulon on friday', [['guest', 'Zebulon', 'zebulon'], ['day', 'Friday', 'friday']]],
    ['book_table', 'table for will on friday', [['guest', 'Will', 'will'], ['day', 'Friday', 'friday']]], // a modal verb, and a name
    ['order_status', 'has my order X42-7 shipped', [['orderNumber', 'X42-7', 'X42-7']]],
    ['order_status', 'where is order 12345?', [['orderNumber', '12345', '12345']]],
    ['order_status', 'my order is late', []],
  ])('%s: %j', (task, text, expected) => {
    expect(extract(task, text)).toEqual(expected);
  });

  it('works on Spanish text with Spanish recognisers and values', () => {
    expect(extract('reservar_mesa', 'quiero reservar una mesa para mañana a las ocho y para beber un cafecito', ES)).toEqual([
      ['fecha', '2024-03-15', 'mañana'], ['hora', '08:00', 'ocho'], ['bebida', 'café', 'cafecito'],
    ]);
  });

  it('returns nothing for an unknown task or a model it cannot read', () => {
    expect(extractFields(model, 'no_such_task', 'tomorrow at 3pm', EN)).toEqual([]);
    expect(extractFields({ version: 99 }, 'book_appointments', 'tomorrow at 3pm', EN)).toEqual([]);
  });

  it('trains deterministically, keeping only the custom types in use', () => {
    expect(JSON.stringify(trainFieldExtractor(TASKS, TYPES))).toBe(JSON.stringify(model));
    expect(JSON.stringify(model)).not.toContain('Custom.UNUSED');
  });

  it('survives a JSON round trip', () => {
    const restored = JSON.parse(JSON.stringify(model)) as typeof model;
    for (const [task, text] of [['book_appointments', 'book it for 3pm on the 5th'], ['get_quantity', 'need hangers'], ['schedule_open_house', 'My name is Ann Lee.']] as const) {
      expect(extractFields(restored, task, text, EN)).toEqual(extractFields(model, task, text, EN));
    }
  });
});

describe('slot tagger trained on examples with values', () => {
  const examples = [
    ['play', 'songs by', 'Adele'], ['play', 'music from', 'Queen'], ['put on', 'tracks by', 'Miles Davis'], ['play', 'something by', 'Nina Simone'],
    ['play', 'songs by', 'The Beatles'], ['play', 'music from', 'Bob Marley'], ['put on', 'songs by', 'Kanye West'], ['play', 'tracks by', 'ABBA'],
  ].map(([verb, middle, artist]) => {
    const text = `${verb} ${middle} ${artist}`;
    return { text, slots: [{ slot: 'artist', start: text.length - artist!.length, end: text.length }] };
  });
  const tagger = trainSlotTagger(examples, { epochs: 5 });

  it('tags an unseen value in a learnt context', () => {
    expect(tagSlots(tagger, 'play songs by Taylor Swift')).toEqual([{ slot: 'artist', start: 14, end: 26, value: 'Taylor Swift' }]);
  });

  it('is deterministic and JSON-serialisable', () => {
    expect(JSON.stringify(trainSlotTagger(examples, { epochs: 5 }))).toBe(JSON.stringify(tagger));
    const restored = JSON.parse(JSON.stringify(tagger)) as typeof tagger;
    expect(tagSlots(restored, 'put on music from Prince')).toEqual(tagSlots(tagger, 'put on music from Prince'));
  });
});
