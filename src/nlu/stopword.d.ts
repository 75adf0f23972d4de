// stopword ships no types: one array of lower-case stop words per language, named by ISO 639-3 code.
declare module 'stopword' {
  export const deu: readonly string[];
  export const fra: readonly string[];
  export const ita: readonly string[];
  export const por: readonly string[];
  export const spa: readonly string[];
  export const tgl: readonly string[];
}
