/**
 * Dialogue memory (autopilot.md §4): Twilio's reserved `twilio` namespace, with one key per channel
 * and `collected_data`, and remembered keys at the top level beside it.
 */
export type Memory = Record<string, unknown>;

/** A fresh dialogue's memory: inbound `Memory` keys, then the channel's namespace. */
export function initialMemory(channelKey: string, channelMemory: Readonly<Record<string, unknown>>, inbound?: Readonly<Record<string, unknown>>): Memory {
  const { twilio: _reserved, ...inboundKeys } = inbound ?? {};
  return { ...inboundKeys, twilio: { [channelKey]: { ...channelMemory } } };
}

/**
 * Refresh the channel's namespace with this turn's values (e.g. a new MessageSid). They replace the
 * last turn's, so a key of an earlier request (`MediaUrl1`, `SpeechResult`) never looks current.
 */
export function withChannelMemory(memory: Memory, channelKey: string, channelMemory: Readonly<Record<string, unknown>>): Memory {
  const twilio = twilioNamespace(memory);
  return { ...memory, twilio: { ...twilio, [channelKey]: { ...channelMemory } } };
}

export function twilioNamespace(memory: Memory): Record<string, unknown> {
  const twilio = memory.twilio;
  return typeof twilio === 'object' && twilio !== null && !Array.isArray(twilio) ? (twilio as Record<string, unknown>) : {};
}

/** `remember`: top-level keys merged in; the reserved `twilio` key is never overwritten. */
export function remember(memory: Memory, values: Readonly<Record<string, unknown>>): Memory {
  const { twilio: _reserved, ...rest } = values;
  return { ...memory, ...rest };
}

const memorySize = (memory: Memory): number => Buffer.byteLength(JSON.stringify(memory), 'utf8');

/**
 * What counts toward the memory limit: the remembered keys, not the `twilio` namespace, which holds
 * the channel's parameters (a 1,600-character SMS) and collected answers: how long the user's last
 * message was must not decide whether the customer's `remember` is kept.
 */
export function rememberedSize(memory: Memory): number {
  const { twilio: _channel, ...remembered } = memory;
  return memorySize(remembered);
}

/** Set `twilio.collected_data.<collect>` to the given record. */
export function withCollectedData(memory: Memory, collect: string, record: Record<string, unknown>): Memory {
  const twilio = twilioNamespace(memory);
  const collected = (twilio.collected_data as Record<string, unknown> | undefined) ?? {};
  return { ...memory, twilio: { ...twilio, collected_data: { ...collected, [collect]: record } } };
}

export function collectedData(memory: Memory, collect: string): Record<string, unknown> | undefined {
  const collected = twilioNamespace(memory).collected_data as Record<string, unknown> | undefined;
  return collected?.[collect] as Record<string, unknown> | undefined;
}
