// human-names ships no types: lists of popular given names per language, as `<gender><Lang>` arrays.
declare module 'human-names' {
  const names: Readonly<Record<string, readonly string[]>>;
  export default names;
}
