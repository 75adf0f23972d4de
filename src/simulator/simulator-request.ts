import type { TurnInput, TurnRequest } from '../dialogue/turn-types.js';
import { invalidParameter } from '../errors/error-catalogue.js';

/** The channels the simulator plays: an SMS user or a voice caller. */
export type SimulatorChannel = 'sms' | 'voice';

/** One validated `POST /simulator/api/turn` body. */
export interface SimulatorTurn {
  /** The assistant's SID or unique name, as it would appear in the channel URL. */
  readonly assistant: string;
  readonly channel: SimulatorChannel;
  /** The page's conversation id; a new one restarts the dialogue. */
  readonly conversation: string;
  readonly input: TurnInput;
}

/** Who the simulated user is: fictional 555-01xx numbers, so webhooks reading `From`/`To` see phone numbers. */
export const SIMULATOR_FROM = '+15555550100';
export const SIMULATOR_TO = '+15555550199';

/** Longest typed text: the channels' query limit (design.md §3). */
const MAX_TEXT = 2048;
const CONVERSATION = /^[A-Za-z0-9_-]{1,64}$/;
// An assistant SID or any unique name the REST API accepts (spaces and accents included): up to 64 characters, no `/` or control character.
const ASSISTANT = /^(?=.*\S)[^/\u0000-\u001f\u007f]{1,64}$/u;
const DIGITS = /^[0-9*#]{1,32}$/;

/** Read a turn body as untrusted input; anything wrong is a 400 naming the field. */
export function parseSimulatorTurn(body: unknown): SimulatorTurn {
  const b = asObject(body, 'body');
  const assistant = stringField(b, 'assistant', ASSISTANT, 'must be an assistant SID or unique name');
  const channel = b.channel;
  if (channel !== 'sms' && channel !== 'voice') throw invalidParameter('channel', "must be 'sms' or 'voice'");
  const conversation = stringField(b, 'conversation', CONVERSATION, 'must be 1 to 64 letters, digits, _ or -');
  return { assistant, channel, conversation, input: parseInput(b.input, channel) };
}

/** The identifying part of a hang-up body: assistant and conversation. */
export function parseSimulatorCall(body: unknown): { assistant: string; conversation: string } {
  const b = asObject(body, 'body');
  return {
    assistant: stringField(b, 'assistant', ASSISTANT, 'must be an assistant SID or unique name'),
    conversation: stringField(b, 'conversation', CONVERSATION, 'must be 1 to 64 letters, digits, _ or -'),
  };
}

/** SMS takes text; a call takes its start, speech (typed), keypad digits, or silence. */
function parseInput(value: unknown, channel: SimulatorChannel): TurnInput {
  const input = asObject(value, 'input');
  const kinds = channel === 'sms' ? ['text'] : ['start', 'text', 'digits', 'no-input'];
  if (typeof input.kind !== 'string' || !kinds.includes(input.kind)) {
    throw invalidParameter('input.kind', `must be one of ${kinds.join(', ')} on ${channel}`);
  }
  switch (input.kind) {
    case 'text': {
      if (typeof input.text !== 'string') throw invalidParameter('input.text', 'is required for a text input');
      if (Array.from(input.text).length > MAX_TEXT) throw invalidParameter('input.text', `must be at most ${MAX_TEXT} characters`);
      // A call's empty SpeechResult is silence, as on the voice channel.
      if (channel === 'voice' && input.text.trim() === '') return { kind: 'no-input' };
      return { kind: 'text', text: channel === 'voice' ? input.text.trim() : input.text };
    }
    case 'digits':
      if (typeof input.digits !== 'string' || !DIGITS.test(input.digits.trim())) {
        throw invalidParameter('input.digits', 'must be 1 to 32 keypad keys (0-9, * and #)');
      }
      return { kind: 'digits', digits: input.digits.trim() };
    case 'start':
      return { kind: 'start' };
    default:
      return { kind: 'no-input' };
  }
}

/** The dialogue key of a simulator conversation; apart from real channels', so the page never joins a real user's dialogue. */
export const simulatorConversationKey = (channel: SimulatorChannel, conversation: string): string => `simulator:${channel}:${conversation}`;

/**
 * The turn the channel would run for this input, with the form parameters Twilio would have
 * posted as the channel memory (`twilio.sms` / `twilio.voice`), so webhooks see what they would see live.
 */
export function simulatorTurnRequest(
  turn: SimulatorTurn, assistantSid: string, accountSid: string, listenWindowSeconds: number,
): TurnRequest {
  return {
    assistantSid,
    conversationKey: simulatorConversationKey(turn.channel, turn.conversation),
    channel: turn.channel,
    channelName: turn.channel,
    channelMemoryKey: turn.channel,
    channelMemory: channelParams(turn, accountSid),
    userIdentifier: SIMULATOR_FROM,
    input: turn.input,
    listenWindowSeconds,
    simulated: true,
  };
}

function channelParams(turn: SimulatorTurn, accountSid: string): Record<string, string> {
  const common = { AccountSid: accountSid, From: SIMULATOR_FROM, To: SIMULATOR_TO };
  const input = turn.input;
  if (turn.channel === 'sms') {
    return { ...common, Body: input.kind === 'text' ? input.text : '', NumMedia: '0', ApiVersion: '2010-04-01' };
  }
  return {
    ...common,
    CallSid: `CA${turn.conversation}`,
    Direction: 'inbound',
    CallStatus: 'in-progress',
    ApiVersion: '2010-04-01',
    ...(input.kind === 'text' ? { SpeechResult: input.text, Confidence: '1' } : {}),
    ...(input.kind === 'digits' ? { Digits: input.digits } : {}),
  };
}

function asObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParameter(name, 'must be a JSON object');
  return value as Record<string, unknown>;
}

function stringField(b: Record<string, unknown>, name: string, pattern: RegExp, why: string): string {
  const value = b[name];
  if (typeof value !== 'string' || !pattern.test(value)) throw invalidParameter(name, why);
  return value;
}
