import { randomBytes } from 'node:crypto';

/** Autopilot SID prefixes (autopilot.md §1.3). */
export const SID_PREFIX = {
  account: 'AC',
  assistant: 'UA',
  task: 'UD',
  field: 'UE',
  sample: 'UF',
  fieldType: 'UB',
  fieldValue: 'UC',
  modelBuild: 'UG',
  query: 'UH',
  dialogue: 'UK',
  webhook: 'UM',
} as const;

export type SidPrefix = (typeof SID_PREFIX)[keyof typeof SID_PREFIX];

export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex');
}

/** True when `value` is a well-formed SID with this prefix (34 characters). */
export function isSid(value: string, prefix: SidPrefix): boolean {
  return value.length === 34 && value.startsWith(prefix) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}
