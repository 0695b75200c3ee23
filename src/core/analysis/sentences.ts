/** Sentence and word boundaries shared by the language guess and the anchor context. Pure. */

/**
 * Sentence ends: ! ? ; … before a space or the end; a full stop only before a capital, a digit or
 * the end (so "60.000 kr. i gæld" and "e.g. my" stay one sentence); line breaks. The lookbehinds
 * start a match only at the first mark of a run, which keeps the scan linear.
 */
export const BREAK_RE =
  /(?<![!?;…])[!?;…]+(?=\s|$)|(?<!\.)\.+(?=\s{1,8}[\p{Lu}\p{N}"'“«¿¡(]|\s*$)|\n/gu;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Is the UTF-16 unit at i part of a word? ASCII is decided without a regex. */
function wordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  return WORD_CHAR.test(text.charAt(i));
}

/**
 * Where each word (a run of letters and digits) starts, in order. A plain loop: one regex match
 * per word costs several times more on the text sizes the router sees.
 */
export function wordStarts(text: string): Int32Array {
  const out: number[] = [];
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const w = wordChar(text, i);
    if (w && !inWord) out.push(i);
    inWord = w;
  }
  return Int32Array.from(out);
}
