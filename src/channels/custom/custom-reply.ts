import type { ListenOptions } from '../../actions/action-types.js';
import type { TurnResult } from '../../dialogue/turn-types.js';
import { plainText } from '../voice/ssml-say.js';

/** What the assistant answered, channel-neutral (autopilot.md §5.5; the key set is Parley's choice, docs/channels.md). */
export interface CustomResponse {
  /** `speech` is the say text as written (SSML included), `text` the same without markup. */
  readonly says: ReadonlyArray<{ readonly speech: string; readonly text: string }>;
  readonly shows: ReadonlyArray<{ readonly body: string; readonly images: ReadonlyArray<{ readonly url: string; readonly label?: string }> }>;
  readonly plays: ReadonlyArray<{ readonly url: string; readonly loop?: number; readonly digits?: string }>;
  /** False when the dialogue ended; true or the listen options while it waits for the next message. */
  readonly listen: boolean | ListenOptions;
  /** The collect question being asked, while a collect waits for its answer. */
  readonly collect: { readonly name: string; readonly question: string; readonly type?: string } | null;
  readonly handoff: Readonly<Record<string, unknown>> | null;
}

/** The v2 reply: the response, and the dialogue it belongs to. */
export interface CustomReplyV2 {
  readonly response: CustomResponse;
  readonly dialogue: {
    readonly sid: string;
    readonly assistant_sid: string;
    readonly account_sid: string;
    readonly current_task: string | null;
    readonly user_identifier: string;
    /** `active` while the dialogue waits for the next message, `ended` once it is over (its Dialogue resource is gone). */
    readonly status: 'active' | 'ended';
    readonly memory: Readonly<Record<string, unknown>>;
  };
}

export function customResponse(result: Pick<TurnResult, 'outputs' | 'next'>): CustomResponse {
  const says: Array<CustomResponse['says'][number]> = [];
  const shows: Array<CustomResponse['shows'][number]> = [];
  const plays: Array<CustomResponse['plays'][number]> = [];
  for (const output of result.outputs) {
    if (output.kind === 'say') {
      if (output.text.trim() !== '') says.push({ speech: output.text, text: plainText(output.text) });
    } else if (output.kind === 'show') {
      shows.push({ body: output.body, images: output.images.map((i) => ({ url: i.url, ...(i.label === undefined ? {} : { label: i.label }) })) });
    } else {
      plays.push({ url: output.url, ...(output.loop === undefined ? {} : { loop: output.loop }), ...(output.digits === undefined ? {} : { digits: output.digits }) });
    }
  }
  const next = result.next;
  const listen = next.kind === 'listen' ? (Object.keys(next.listen).length === 0 ? true : next.listen) : next.kind === 'collect';
  const collect = next.kind === 'collect'
    ? { name: next.question.collect, question: next.question.question, ...(next.question.type ? { type: next.question.type } : {}) }
    : null;
  const handoff = next.kind === 'handoff' ? { ...next.handoff } : null;
  return { says, shows, plays, listen, collect, handoff };
}

export function customReplyV2(result: TurnResult, ids: { accountSid: string; assistantSid: string; userIdentifier: string }): CustomReplyV2 {
  const ended = result.next.kind === 'end' || result.next.kind === 'handoff';
  return {
    response: customResponse(result),
    dialogue: {
      sid: result.dialogueSid,
      assistant_sid: ids.assistantSid,
      account_sid: ids.accountSid,
      current_task: result.currentTask,
      user_identifier: ids.userIdentifier,
      status: ended ? 'ended' : 'active',
      memory: result.memory,
    },
  };
}
