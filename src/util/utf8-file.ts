import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';

/** A file's bytes are not UTF-8 text (Latin-1, UTF-16, …): read as UTF-8 they would be stored as U+FFFD. */
export class NotUtf8Error extends Error {
  override name = 'NotUtf8Error';
}

/**
 * A text file as UTF-8, without a leading byte-order mark (editors on Windows write one; JSON.parse
 * refuses it with an invisible character). Bytes that are not UTF-8 are refused rather than replaced.
 */
export function readUtf8File(path: string): string {
  const bytes = readFileSync(path);
  if (!isUtf8(bytes)) throw new NotUtf8Error(`${path} is not UTF-8 text (save it as UTF-8)`);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
