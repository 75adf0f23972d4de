/**
 * A table looked up by words of user input: it has no prototype, so `constructor`, `toString` or
 * `__proto__` find nothing (a plain object literal answered them with Object's members: a number
 * "NaN", a currency "function valueOf() { [native code] }").
 */
export function lookupTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
