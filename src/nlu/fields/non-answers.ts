import { wordTokens, type Token } from './text-tokens.js';

// English replies that answer nothing: hedges, fillers, requests for help or a person, commands, thanks.
// Compared as word tokens folded (lower case, straight apostrophes), a letter said three times or more as twice
// ("hmmmm" -> "hmm"; doubled letters stay, so "Persson" and "Watt" are names, not "person" and "what").
const NON_ANSWERS = [
  // hedges
  'not sure', 'not really sure', 'unsure', 'no idea', 'no clue', 'not a clue', 'i have no idea', 'i have no clue', 'idk',
  'dunno', "i don't know", 'i dont know', 'i do not know', "don't know", 'dont know', 'who knows', 'beats me', 'maybe',
  'perhaps', 'not certain', "i'm not sure", 'im not sure', 'i am not sure', "can't remember", 'cant remember',
  "i don't remember", 'i forget', 'i forgot', 'whatever', 'anything', "doesn't matter", "it doesn't matter", "don't care",
  'none', 'nothing', 'n/a', 'anywhere', 'somewhere', 'wherever', 'no preference', 'surprise me', 'you choose', 'you pick', 'up to you',
  // fillers and puzzlement
  'hm', 'hmm', 'um', 'umm', 'uh', 'uhh', 'er', 'erm', 'eh', 'huh', 'what', 'wat', 'sorry', 'pardon', 'excuse me', 'come again',
  'what do you mean', "i don't understand", 'i do not understand', 'lol', 'lmao', 'haha', 'hehe',
  // commands
  'help', 'help me', 'agent', 'an agent', 'operator', 'human', 'a human', 'person', 'a person', 'real person',
  'representative', 'a representative', 'customer service', 'cancel', 'stop', 'quit', 'exit', 'end', 'abort', 'skip', 'skip it',
  'pass', 'next', 'back', 'go back', 'start over', 'restart', 'menu', 'main menu', 'repeat', 'repeat that', 'say again',
  'say that again', 'again', 'never mind', 'nevermind', 'forget it', 'bye', 'goodbye',
  // thanks
  'thanks', 'thank you', 'thanks a lot', 'thank you very much', 'thx', 'cheers',
].map((p) => wordTokens(p).map((w) => squeeze(w.norm)).join(' '));

function squeeze(text: string): string {
  return text.replace(/(\p{L})\1{2,}/gu, '$1$1');
}

const PHRASES = new Set(NON_ANSWERS);
/** Non-answers that are also names (Skip, Pass, Back, Person, Er, Huh, Um): a name question takes them. */
const ALSO_NAMES = new Set(['skip', 'pass', 'back', 'person', 'er', 'huh', 'um']);
const LONGEST = Math.max(...NON_ANSWERS.map((p) => p.split(' ').length));

/**
 * The words (of a bare answer) are only non-answers ("not sure", "hmm idk", "agent", "thanks", or nothing but
 * punctuation such as "?"): a free-text type must not take them for a value.
 */
export function isNonAnswer(words: readonly Token[], { names = false }: { names?: boolean } = {}): boolean {
  const norms = words.filter((w) => w.isWord).map((w) => squeeze(w.norm));
  if (names && norms.length === 1 && ALSO_NAMES.has(norms[0]!)) return false;
  for (let i = 0; i < norms.length;) {
    let n = Math.min(LONGEST, norms.length - i);
    while (n > 0 && !PHRASES.has(norms.slice(i, i + n).join(' '))) n--;
    if (n === 0) return false;
    i += n;
  }
  return true;
}
