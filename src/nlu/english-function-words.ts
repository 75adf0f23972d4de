/**
 * The most common English function words (articles, pronouns, prepositions, auxiliaries, a few
 * adverbs): words that say nothing about what a request is for, and are never a name.
 */
export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'if', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'about', 'as', 'into', 'than',
  'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'he', 'she', 'it', 'its', 'they', 'them', 'their', 'this', 'that', 'these', 'those',
  'is', 'am', 'are', 'was', 'were', 'be', 'been', 'being', 'do', 'does', 'did', 'have', 'has', 'had', 'will', 'would', 'can', 'could',
  'should', 'shall', 'may', 'might', 'must', 'what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'there', 'here',
  'so', 'not', 'no', 'yes', 'please', 'just', 'some', 'any', 'all', 'up', 'out', 'then', 'too', 'very', 's', 't', 'im', 'id', 'ok',
]);
