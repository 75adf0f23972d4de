import { invalidParameter } from '../../errors/error-catalogue.js';

/** How one PascalCase request parameter is read. JSON kinds accept a JSON string (the form way) or an object. */
export type ParamKind = 'string' | 'boolean' | 'json';

export interface ParamSpec {
  readonly kind: ParamKind;
  readonly required?: boolean;
}

type ValueOf<P extends ParamSpec> = P['kind'] extends 'boolean' ? boolean : P['kind'] extends 'json' ? unknown : string;

export type Params<S extends Readonly<Record<string, ParamSpec>>> = {
  [K in keyof S]: S[K]['required'] extends true ? ValueOf<S[K]> : ValueOf<S[K]> | undefined;
};

export const text = { kind: 'string' } as const;
export const requiredText = { kind: 'string', required: true } as const;
export const flag = { kind: 'boolean' } as const;
export const json = { kind: 'json' } as const;

/**
 * Read a request body (form-encoded or JSON) against a parameter list: unknown names, repeated
 * names, wrong types and missing required parameters are 400s naming the parameter.
 */
export function readParams<S extends Readonly<Record<string, ParamSpec>>>(body: unknown, spec: S): Params<S> {
  const source = body ?? {};
  if (typeof source !== 'object' || Array.isArray(source)) {
    throw invalidParameter('body', 'expected form parameters or a JSON object');
  }
  const known = Object.keys(spec);
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(source as Record<string, unknown>)) {
    // Own names only: `constructor` or `__proto__` must not find Object.prototype's members.
    const param = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (param === undefined) {
      const expected = known.length === 0 ? 'this endpoint takes no parameters' : `expected ${known.join(', ')}`;
      throw invalidParameter(name, `unknown parameter (${expected})`);
    }
    out[name] = readValue(name, raw, param.kind);
  }
  for (const [name, param] of Object.entries(spec)) {
    if (param.required && out[name] === undefined) throw invalidParameter(name, 'is required');
  }
  return out as Params<S>;
}

function readValue(name: string, raw: unknown, kind: ParamKind): unknown {
  // A form repeats a name, a JSON body gives a list: either way one value was expected.
  if (Array.isArray(raw)) throw invalidParameter(name, 'was given more than once (or as a list); give one value');
  switch (kind) {
    case 'string':
      if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
      if (typeof raw !== 'string') throw invalidParameter(name, `expected a string, got ${describe(raw)}`);
      return raw;
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) return raw.trim().toLowerCase() === 'true';
      throw invalidParameter(name, `expected true or false, got ${describe(raw)}`);
    case 'json':
      if (typeof raw !== 'string') return raw;
      try {
        return JSON.parse(raw) as unknown;
      } catch (error) {
        throw invalidParameter(name, `is not valid JSON (${(error as Error).message})`);
      }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
