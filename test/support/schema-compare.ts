/**
 * A schema reduced to what it means, for comparing an export with the file imported: order of
 * tasks, fields, samples, field types and values does not matter; `synonymOf` becomes the canonical
 * value's text however it was written; missing defaults/styleSheet (or ones without their wrapper
 * key, which importers ignore) are `{}`. Written independently of src/import-export on purpose.
 */
type Json = any;

export interface CompareOptions {
  /** UC SID -> value text, for files that write `synonymOf` as SIDs (autopilot-core's export). */
  readonly valueTextBySid?: ReadonlyMap<string, string>;
  /** Top-level keys left out of the comparison. */
  readonly ignore?: ReadonlyArray<'friendlyName' | 'logQueries' | 'modelBuild'>;
}

const byKey = <T>(key: (item: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
const wrapped = (doc: Json, wrapper: string): Json => (doc && typeof doc === 'object' && wrapper in doc ? doc : {});

function canonicalValues(values: Json[], sids: ReadonlyMap<string, string>): Json[] {
  const key = (language: string, value: string): string => `${language.toLowerCase()}:${value.toLowerCase()}`;
  const byText = new Map<string, Json>(values.map((v) => [key(v.language, v.value), v]));
  const canonical = (v: Json): string | null => {
    let current = v;
    for (let hops = 0; current.synonymOf; hops += 1) {
      if (hops > values.length) return '<cycle>';
      const target = byText.get(key(current.language, sids.get(current.synonymOf) ?? current.synonymOf));
      if (target === undefined) return `<unresolved ${current.synonymOf}>`;
      current = target;
    }
    return current === v ? null : current.value;
  };
  return values
    .map((v) => ({ language: v.language, value: v.value, synonymOf: canonical(v) }))
    .sort(byKey((v) => `${v.language}\u0000${v.value}`));
}

export function semanticSchema(schema: Json, options: CompareOptions = {}): Json {
  const sids = options.valueTextBySid ?? new Map<string, string>();
  const out: Json = {
    uniqueName: schema.uniqueName,
    friendlyName: schema.friendlyName || schema.uniqueName,
    logQueries: schema.logQueries ?? true,
    defaults: wrapped(schema.defaults, 'defaults'),
    styleSheet: wrapped(schema.styleSheet, 'style_sheet'),
    fieldTypes: (schema.fieldTypes ?? [])
      .map((t: Json) => ({ uniqueName: t.uniqueName, values: canonicalValues(t.values ?? [], sids) }))
      .sort(byKey((t: Json) => t.uniqueName)),
    tasks: (schema.tasks ?? [])
      .map((t: Json) => ({
        uniqueName: t.uniqueName,
        actions: t.actions ?? { actions: [] },
        fields: [...(t.fields ?? [])].map((f: Json) => ({ uniqueName: f.uniqueName, fieldType: f.fieldType })).sort(byKey((f: Json) => f.uniqueName)),
        samples: [...(t.samples ?? [])].map((s: Json) => ({ language: s.language, taggedText: s.taggedText }))
          .sort(byKey((s: Json) => `${s.language}\u0000${s.taggedText}`)),
      }))
      .sort(byKey((t: Json) => t.uniqueName)),
    modelBuild: schema.modelBuild?.uniqueName ?? null,
  };
  for (const key of options.ignore ?? []) delete out[key];
  return out;
}
