import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { HandoffOptions, VoiceDigits } from '../../actions/action-types.js';
import type { Output, TurnResult } from '../../dialogue/turn-types.js';
import { addSay } from './ssml-say.js';
import { renderXmlSafely } from '../xml-safe.js';

/** Speech hints for collect question types whose words are few and known; other types get none. */
const TYPE_HINTS: ReadonlyMap<string, string> = new Map([['Twilio.YES_NO', 'yes, no']]);

type VoiceParent = Pick<VoiceResponse, 'say' | 'play'>;

/**
 * A turn's result as Voice TwiML (docs/channels.md): the outputs as `<Say>`/`<Play>`; while the
 * dialogue waits for input they sit inside a `<Gather>` posting back to `gatherUrl`, followed by a
 * `<Redirect>` to the same URL that reports silence; a handoff redirects or enqueues the call; an ended dialogue
 * hangs up. Built only with twilio's builder, so text and URLs are escaped; characters XML cannot
 * carry are left out (renderXmlSafely).
 */
type VoiceTurn = Pick<TurnResult, 'outputs' | 'next' | 'voice' | 'memory' | 'language'>;

export function renderVoiceTwiml(result: VoiceTurn, gatherUrl: string): string {
  return renderXmlSafely((safe) => voiceTwiml(safe, gatherUrl), result);
}

function voiceTwiml(result: VoiceTurn, gatherUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const next = result.next;
  if (next.kind === 'listen' || next.kind === 'collect') {
    // Speech is recognised in the dialogue's language (Twilio's default is en-US); the hints are English words.
    const language = result.language === undefined || result.language.toLowerCase() === 'en-us' ? undefined : canonicalTag(result.language);
    const gather = next.kind === 'listen'
      ? response.gather(gatherAttributes(gatherUrl, next.listen.voice_digits, next.listen.barge, { menu: true, language }))
      : response.gather(gatherAttributes(gatherUrl, next.question.voiceDigits, next.question.barge,
        { menu: false, language, hints: language === undefined ? TYPE_HINTS.get(next.question.type ?? '') : undefined }));
    addOutputs(gather, result.outputs, result.voice);
    // Twilio reaches the Redirect only when the Gather got nothing: the same URL, without input, is a no-input turn.
    response.redirect({ method: 'POST' }, gatherUrl);
  } else {
    addOutputs(response, result.outputs, result.voice);
    if (next.kind === 'handoff') addHandoff(response, next.handoff, result.memory);
    else response.hangup();
  }
  return response.toString();
}

/** `es-mx` as Twilio lists it, `es-MX` (a tag Intl cannot read is left as written). */
function canonicalTag(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

/**
 * A listen's menu keys (its redirects, all one length) end the Gather at that length; a question's
 * keys do not, as its answer may be longer (an account number, or 0 for an agent). A key that
 * holds the finish key (`#` by default) could never arrive, as Twilio keeps that key out of Digits:
 * then no key finishes.
 */
function gatherAttributes(
  action: string, digits: VoiceDigits | undefined, barge: boolean | undefined,
  { menu, hints, language }: { menu: boolean; hints?: string | undefined; language?: string | undefined },
): VoiceResponse.GatherAttributes {
  const numDigits = digits?.num_digits ?? (menu ? redirectKeyLength(digits) : undefined);
  const keys = [...Object.keys(digits?.redirects ?? {}), ...Object.keys(digits?.mapping ?? {})];
  const finishOnKey = digits?.finish_on_key ?? (keys.some((k) => k.includes(DEFAULT_FINISH_KEY)) ? '' : undefined);
  return {
    input: ['speech', 'dtmf'],
    action,
    method: 'POST',
    speechTimeout: 'auto',
    bargeIn: barge ?? true,
    ...(numDigits === undefined ? {} : { numDigits }),
    ...(finishOnKey === undefined ? {} : { finishOnKey }),
    ...(hints === undefined ? {} : { hints }),
    ...(language === undefined ? {} : { language: language as NonNullable<VoiceResponse.GatherAttributes['language']> }),
  };
}

/** Twilio's `<Gather finishOnKey>` when none is given. */
const DEFAULT_FINISH_KEY = '#';

/** Without `num_digits`, digit redirects that all have one length end the Gather at that length. */
function redirectKeyLength(digits: VoiceDigits | undefined): number | undefined {
  const lengths = new Set(Object.keys(digits?.redirects ?? {}).map((k) => k.length));
  return lengths.size === 1 ? [...lengths][0] : undefined;
}

/** `say` and `play`; `show` is for messaging surfaces and says nothing on a call. */
function addOutputs(parent: VoiceParent, outputs: readonly Output[], voice: string | null): void {
  for (const output of outputs) {
    if (output.kind === 'say') {
      if (output.text.trim() !== '') addSay(parent, output.text, voice);
    } else if (output.kind === 'play') {
      if (output.digits !== undefined && output.digits !== '') parent.play({ digits: output.digits });
      if (output.url !== '') parent.play(output.loop === undefined ? {} : { loop: output.loop }, output.url);
    }
  }
}

/** `taskrouter://WW…` enqueues the call with the memory as task attributes; a URL takes the call over; anything else hangs up. */
function addHandoff(response: VoiceResponse, handoff: HandoffOptions, memory: Readonly<Record<string, unknown>>): void {
  const uri = handoff.uri.trim();
  const workflow = /^taskrouter:\/\/(WW[0-9a-fA-F]{32})$/i.exec(uri);
  if (workflow !== null) {
    const enqueue = response.enqueue({
      workflowSid: `WW${workflow[1]!.slice(2)}`,
      ...(handoff.wait_url ? { waitUrl: handoff.wait_url, waitUrlMethod: twimlMethod(handoff.wait_url_method) } : {}),
      ...(handoff.action ? { action: handoff.action } : {}),
    });
    enqueue.task({ ...numberAttribute('priority', handoff.priority), ...numberAttribute('timeout', handoff.timeout) }, JSON.stringify(memory));
    return;
  }
  if (/^https?:\/\//i.test(uri)) {
    response.redirect({ method: twimlMethod(handoff.method) }, uri);
    return;
  }
  response.hangup();
}

/** TwiML takes `GET` or `POST` only; the Actions schema takes either in any case, like Twilio's own method parameters. */
function twimlMethod(method: string | undefined): 'GET' | 'POST' {
  return method?.toUpperCase() === 'GET' ? 'GET' : 'POST';
}

function numberAttribute(name: 'priority' | 'timeout', value: string | number | undefined): Record<string, number> {
  const n = typeof value === 'number' ? value : value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isInteger(n) && n >= 0 ? { [name]: n } : {};
}
