import { describe, expect, it } from 'vitest';
import { answerQuery } from '../../src/nlu/answer-query.js';
import { trainNluModel } from '../../src/nlu/nlu-model.js';
import type { TrainingSet } from '../../src/nlu/training-set.js';
import { sampleVocabulary, vocabularyCoverage, vocabularyOf } from '../../src/nlu/vocabulary-coverage.js';

// The small hotel bot of answer-query-scope.test.ts, written in other languages: out-of-scope inputs
// must fall back there too, although they share the language's articles and prepositions with the samples.
type Bot = Readonly<Record<'check_out' | 'room_service' | 'book_room', readonly string[]>>;

const BOTS: Readonly<Record<string, Bot>> = {
  'fr-FR': {
    check_out: ['quelle est l\'heure du départ', 'à quelle heure dois-je quitter la chambre', 'je voudrais un départ tardif',
      'est-ce que je peux partir plus tard', 'l\'heure de départ de la chambre'],
    room_service: ['j\'ai faim', 'commander à manger dans la chambre', 'je voudrais le petit déjeuner dans ma chambre',
      'le service en chambre s\'il vous plaît', 'apportez-moi un sandwich'],
    book_room: ['je veux réserver une chambre', 'j\'ai besoin d\'une chambre pour la nuit', 'faire une réservation',
      'je voudrais réserver une chambre à l\'hôtel', 'réservez-moi une chambre'],
  },
  'de-DE': {
    check_out: ['wann ist der Check-out', 'wann muss ich das Zimmer verlassen', 'ich hätte gern einen späten Check-out',
      'kann ich später auschecken', 'bis wann ist der Check-out'],
    room_service: ['ich habe Hunger', 'Essen auf das Zimmer bestellen', 'kann ich das Frühstück auf dem Zimmer bekommen',
      'Zimmerservice bitte', 'bringen Sie mir ein Sandwich'],
    book_room: ['ich will ein Zimmer buchen', 'ich brauche ein Zimmer für die Nacht', 'eine Reservierung machen',
      'ich möchte ein Zimmer im Hotel reservieren', 'buchen Sie mir ein Zimmer'],
  },
  'pt-BR': {
    check_out: ['qual é o horário do check-out', 'a que horas tenho que sair do quarto', 'quero um check-out mais tarde',
      'posso sair do quarto mais tarde', 'horário de saída'],
    room_service: ['estou com fome', 'pedir comida no quarto', 'quero o café da manhã no meu quarto',
      'serviço de quarto por favor', 'me traga um sanduíche'],
    book_room: ['quero reservar um quarto', 'preciso de um quarto para esta noite', 'fazer uma reserva',
      'gostaria de reservar um quarto no hotel', 'reserve um quarto para mim'],
  },
  'fil-PH': {
    check_out: ['anong oras ang check out', 'kailan ako dapat umalis ng kwarto', 'gusto ko ng late check out',
      'pwede ba akong mag check out mamaya', 'oras ng check out'],
    room_service: ['gutom na ako', 'mag order ng pagkain sa kwarto ko', 'pwede bang dalhin ang almusal sa kwarto ko',
      'room service po', 'dalhan mo ako ng sandwich'],
    book_room: ['gusto kong mag book ng kwarto', 'kailangan ko ng kwarto para ngayong gabi', 'magpareserba ng kwarto',
      'gusto kong magreserba ng kwarto sa hotel', 'ipag book mo ako ng kwarto'],
  },
};

const trainingSet = (language: string, bot: Bot): TrainingSet => ({
  assistantSid: 'UA1', trainingVersion: 1, fieldTypes: [],
  tasks: Object.entries(bot).map(([name, samples]) => ({
    sid: `UD${name.padEnd(32, '0').slice(0, 32)}`, uniqueName: name, fields: [],
    samples: samples.map((taggedText) => ({ language, taggedText })),
  })),
});

const models = new Map(Object.entries(BOTS).map(([language, bot]) => [language, trainNluModel('UG1', trainingSet(language, bot))]));
const ask = (language: string, text: string) => {
  const model = models.get(language)!;
  return answerQuery(model, {
    text, fallback: { name: 'fallback', sid: null }, fallbackThreshold: model.defaultFallbackThreshold,
    recognise: { referenceTime: new Date('2026-11-22T12:00:00Z'), timeZone: 'UTC', language },
  });
};

describe('out-of-scope inputs on small non-English bots', () => {
  it.each([
    ['fr-FR', 'quelle est la capitale de la Mongolie ?'],
    ['fr-FR', 'je veux acheter une voiture d\'occasion'],
    ['fr-FR', 'raconte-moi une blague'],
    ['de-DE', 'ich will ein Auto kaufen'],
    ['de-DE', 'was ist die Hauptstadt der Mongolei'],
    ['de-DE', 'erzähl mir einen Witz'],
    ['pt-BR', 'quero comprar um carro usado'],
    ['pt-BR', 'qual é a capital da Mongólia'],
    ['pt-BR', 'me conta uma piada'],
    ['fil-PH', 'masakit ang ulo ko'],
    ['fil-PH', 'ano ang kabisera ng Mongolia'],
    ['fil-PH', 'kantahan mo ako ng kanta'],
  ])('%s: %s falls back', (language, text) => {
    expect(ask(language, text)).toMatchObject({ isFallback: true, task: { name: 'fallback' } });
  });

  it.each([
    ['fr-FR', 'vous pouvez monter à manger dans ma chambre', 'room_service'],
    ['fr-FR', 'à quelle heure est le départ', 'check_out'],
    ['fr-FR', 'je veux réserver une chambre pour ce soir', 'book_room'],
    ['de-DE', 'können Sie Essen auf mein Zimmer bringen', 'room_service'],
    ['de-DE', 'wann ist Check-out', 'check_out'],
    ['de-DE', 'ich möchte ein Zimmer für heute Nacht buchen', 'book_room'],
    ['pt-BR', 'pode mandar comida para o meu quarto', 'room_service'],
    ['pt-BR', 'que horas é o check-out', 'check_out'],
    ['pt-BR', 'quero reservar um quarto para hoje', 'book_room'],
    ['fil-PH', 'pwede bang mag order ng pagkain sa kwarto', 'room_service'],
    ['fil-PH', 'anong oras ba ang check out', 'check_out'],
    ['fil-PH', 'gusto kong mag book ng kwarto para bukas', 'book_room'],
  ])('%s: %s finds %s', (language, text, expected) => {
    expect(ask(language, text).task.name).toBe(expected);
  });
});

describe('function words of the model\'s language', () => {
  it.each([
    ['fr-FR', ['quelle est l\'heure du départ'], 'quelle est la capitale de la Mongolie', 0],
    ['de-DE', ['ich will ein Zimmer buchen'], 'ich will ein Auto kaufen', 0],
    ['pt-BR', ['quero reservar um quarto'], 'quero comprar um carro usado', 0.25],
    ['fil-PH', ['anong oras ang check out ko'], 'masakit ang ulo ko', 0],
    ['tl', ['anong oras ang check out ko'], 'masakit ang ulo ko', 0],
    ['it-IT', ['a che ora è il check out della camera'], 'qual è la capitale della Mongolia', 0],
    ['es-MX', ['cuál es la hora de salida de la habitación'], 'cuál es la capital de Mongolia', 0],
    // Words a request is about stay content words, though the package's lists hold them.
    ['de-DE', ['ein Zimmer für morgen'], 'morgen', 1],
    ['fil-PH', ['gusto ko ng kwarto'], 'gusto ko ng pagkain', 0.5],
    // English keeps its own list, and so does a language without one.
    ['en-US', ['what time is check out'], 'what is the capital of mongolia', 0],
    ['en-US', ['quelle est l\'heure du départ'], 'la capitale est', 1 / 3],
    ['nl-NL', ['quelle est l\'heure du départ'], 'la capitale est', 1 / 3],
  ])('%s: samples %j, %j covers %d', (language, samples, text, expected) => {
    expect(vocabularyCoverage(vocabularyOf(sampleVocabulary(samples), language), text)).toBeCloseTo(expected, 9);
  });
});
