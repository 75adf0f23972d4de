/**
 * Compares one turn's expectations with what the runtime did. Pure: the result of `runTurn` and
 * the stand-in's calls in, mismatches and a summary of the turn out.
 */
import type { TurnResult } from '../dialogue/turn-types.js';
import { matchCalls, partialMatch, show } from './partial-match.js';
import type { ActualTurn, Mismatch, SpecInput, TurnExpectations } from './spec-types.js';
import type { StandInCall } from './webhook-stand-in.js';

/** The text of each say and the body of each show, in order (plays have no text). */
export function repliesOf(result: TurnResult): string[] {
  return result.outputs.flatMap((o) => (o.kind === 'say' ? [o.text] : o.kind === 'show' ? [o.body] : []));
}

export function actualTurn(result: TurnResult, calls: readonly StandInCall[]): ActualTurn {
  return {
    task: result.trace.task,
    replies: repliesOf(result),
    next: result.next.kind,
    question: result.next.kind === 'collect' ? result.next.question.question : null,
    problems: result.trace.problems.map((p) => p.code),
    webhookCalls: calls.map((c) => ({ method: c.method, path: c.path })),
  };
}

/** Every expectation of the turn that does not hold; `[]` when the turn passed. */
export function checkTurn(expect: TurnExpectations, result: TurnResult, calls: readonly StandInCall[]): Mismatch[] {
  const actual = actualTurn(result, calls);
  const out: Mismatch[] = [];
  const check = (key: string, expected: unknown, value: unknown): void => {
    if (expected !== undefined) out.push(...partialMatch(expected, value, key));
  };
  check('task', expect.task, actual.task);
  check('replies', expect.replies, actual.replies);
  check('outputs', expect.outputs, result.outputs);
  check('next', expect.next, typeof expect.next === 'string' ? actual.next : result.next);
  check('question', expect.question, actual.question);
  check('memory', expect.memory, result.memory);
  if (expect.webhookCalls !== undefined) out.push(...matchCalls(expect.webhookCalls, calls, 'webhookCalls'));
  check('problems', expect.problems, actual.problems);
  // Parley signs every webhook call as Twilio does: a call the stand-in cannot verify is always wrong.
  calls.forEach((call, i) => {
    if (!call.signatureValid) out.push({ path: `webhookCalls[${i}].signatureValid`, expected: 'true (Parley signs every call)', actual: `false (${call.method} ${call.path})` });
  });
  return out;
}

export function describeInput(input: SpecInput): string {
  switch (input.kind) {
    case 'say':
      // Shortened like every value in a report: a spec may say megabytes to test a limit.
      return `say ${show(input.text)}`;
    case 'press':
      return `press ${input.digits}`;
    case 'start':
      return 'start';
    case 'no-input':
      return 'no input';
  }
}
