/**
 * How much of an input the model has ever seen: the share of its content words (not the most
 * common English function words) that occur in the assistant's samples. A linear classifier
 * always names some task, however foreign the input; with a bot's few samples, words it has never
 * seen are the clearest sign that an input belongs to no task.
 */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'if', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'about', 'as', 'into', 'than',
  'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'he', 'she', 'it', 'its', 'they', 'them', 'their', 'this', 'that', 'these', 'those',
  'is', 'am', 'are', 'was', 'were', 'be', 'been', 'being', 'do', 'does', 'did', 'have', 'has', 'had', 'will', 'would', 'can', 'could',
  'should', 'shall', 'may', 'might', 'must', 'what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'there', 'here',
  'so', 'not', 'no', 'yes', 'please', 'just', 'some', 'any', 'all', 'up', 'out', 'then', 'too', 'very', 's', 't', 'im', 'id', 'ok',
]);

const words = (text: string): string[] =>
  text.normalize('NFKC').toLowerCase().replace(/\{[^{}]*\}/g, ' ').match(/[\p{L}\p{N}]+/gu) ?? [];

/** The distinct words of the samples, for the model (sorted, so models stay deterministic). */
export function sampleVocabulary(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const text of texts) for (const word of words(text)) seen.add(word);
  return [...seen].sort();
}

/** Share in [0, 1] of the input's content words found in the vocabulary; 1 when it has none to judge by. */
export function vocabularyCoverage(vocabulary: ReadonlySet<string>, text: string): number {
  const content = words(text).filter((w) => !FUNCTION_WORDS.has(w));
  if (content.length === 0) return 1;
  // A word counts as seen when the vocabulary has it or it with a plural or verb ending dropped.
  const known = content.filter((w) => vocabulary.has(w) || [w.replace(/(es|s|ed|ing)$/, ''), `${w}s`].some((v) => v.length > 2 && vocabulary.has(v)));
  return known.length / content.length;
}
