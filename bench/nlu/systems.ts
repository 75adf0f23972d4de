import { createRequire } from 'node:module';
import {
  DEFAULT_FALLBACK_THRESHOLD, preloadWordVectors, rankIntents, trainIntentModel, type IntentModel,
} from '../../src/nlu/classifier/intent-classifier.js';
import type { Utterance } from './datasets.js';

const NONE = 'None';

export interface Prediction {
  readonly label: string;
  /** Top score: Parley's calibrated probability, nlp.js's own score (0 when it answered None). */
  readonly confidence: number;
}

/** A classifier under test. `rejects` is true when the system makes its own out-of-scope decision. */
export interface BenchSystem {
  readonly name: string;
  readonly rejects: boolean;
  /** One-time process set-up that a server does at boot, outside the training time (e.g. loading word vectors). */
  prepare(): Promise<void>;
  train(examples: readonly Utterance[]): Promise<void>;
  predict(text: string): Promise<Prediction>;
}

/**
 * Parley's top task. Datasets that label out-of-scope utterances as a `None` intent (Braun AskUbuntu,
 * WebApps) get Parley's fallback decision as `None`, as nlp.js's threshold gives `None`; elsewhere
 * the top task is the answer (choice made by 5-fold cross-validation on the Braun training sets).
 */
class ParleySystem implements BenchSystem {
  readonly name = 'parley';
  readonly rejects = false;
  private model: IntentModel | null = null;
  private fallbackLabel: string | null = null;

  async prepare(): Promise<void> {
    preloadWordVectors();
  }

  async train(examples: readonly Utterance[]): Promise<void> {
    this.model = trainIntentModel(examples.map((u) => ({ text: u.text, label: u.intent })), { language: 'en-US' });
    this.fallbackLabel = examples.some((u) => u.intent === NONE) ? NONE : null;
  }

  async predict(text: string): Promise<Prediction> {
    const top = rankIntents(this.model!, text)[0];
    const confidence = top?.probability ?? 0;
    const label = this.fallbackLabel !== null && confidence < DEFAULT_FALLBACK_THRESHOLD ? this.fallbackLabel : top?.label ?? '';
    return { label, confidence };
  }
}

interface NlpJs {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<{ intent: string; score: number }>;
}

/** nlp.js v4 with library defaults; only the model file, the training log and sentiment are off. Its 0.5 threshold answers `None`. */
class NlpJsSystem implements BenchSystem {
  readonly name = 'nlp.js';
  readonly rejects = true;
  private nlp: NlpJs | null = null;

  async prepare(): Promise<void> {}

  async train(examples: readonly Utterance[]): Promise<void> {
    const require = createRequire(import.meta.url);
    const { Nlp } = require('@nlpjs/nlp') as { Nlp: new (settings: object) => NlpJs & { use(plugin: unknown): void } };
    const { LangEn } = require('@nlpjs/lang-en') as { LangEn: unknown };
    const nlp = new Nlp({ languages: ['en'], autoSave: false, autoLoad: false, calculateSentiment: false });
    nlp.use(LangEn);
    for (const u of examples) nlp.addDocument('en', u.text, u.intent);
    const log = console.log;
    console.log = () => {}; // its neural network prints every epoch
    try {
      await nlp.train();
    } finally {
      console.log = log;
    }
    this.nlp = nlp;
  }

  async predict(text: string): Promise<Prediction> {
    const r = await this.nlp!.process('en', text);
    return { label: r.intent, confidence: r.intent === 'None' ? 0 : r.score };
  }
}

export const SYSTEMS: Readonly<Record<string, () => BenchSystem>> = {
  parley: () => new ParleySystem(),
  'nlp.js': () => new NlpJsSystem(),
};
