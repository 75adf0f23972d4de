import { randomFillSync } from 'node:crypto';

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

/**
 * Random bytes are drawn 4 KB at a time and handed out 16 per SID (as node's own randomUUID does):
 * a turn makes one or two SIDs, and a call into the CSPRNG per SID cost more than the SID's use.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

export function newSid(prefix: SidPrefix): string {
  if (poolOffset + 16 > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const sid = prefix + pool.toString('hex', poolOffset, poolOffset + 16);
  poolOffset += 16;
  return sid;
}

/** True when `value` is a well-formed SID with this prefix (34 characters). */
export function isSid(value: string, prefix: SidPrefix): boolean {
  return value.length === 34 && value.startsWith(prefix) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}
