/** Sentence and word boundaries shared by the language guess and the anchor context. Pure. */

/**
 * Sentence ends: ! ? ; … before a space or the end; a full stop only before a capital, a digit or
 * the end (so "60.000 kr. i gæld" and "e.g. my" stay one sentence); line breaks. The lookbehinds
 * start a match only at the first mark of a run, which keeps the scan linear.
 */
export const BREAK_RE =
  /(?<![!?;…])[!?;…]+(?=\s|$)|(?<!\.)\.+(?=\s{1,8}[\p{Lu}\p{N}"'“«¿¡(]|\s*$)|\n/gu;

/** Words, for counting distances. */
export const WORD_RE = /[\p{L}\p{N}]+/gu;
