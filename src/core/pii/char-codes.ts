/**
 * Character-code tests and digit-run scanning for the detector's hot loops, where a regex or a
 * match object per character or group would dominate the cost on hostile text. ASCII only: the
 * detector's view (normalize.ts) has turned every other script's digits into ASCII ones.
 */

export const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
export const isUpperCode = (c: number): boolean => c >= 65 && c <= 90;
export const isLowerCode = (c: number): boolean => c >= 97 && c <= 122;
export const isAsciiAlnumCode = (c: number): boolean =>
  isDigitCode(c) || isUpperCode(c) || isLowerCode(c);

/** The position of the next ASCII digit at or after i (t.length when there is none). */
export function nextDigit(t: string, i: number): number {
  let k = i;
  while (k < t.length && !isDigitCode(t.charCodeAt(k))) k++;
  return k;
}

/** The end of the run of ASCII digits starting at i, at most `max` digits long. */
export function digitRunEnd(t: string, i: number, max = Infinity): number {
  let k = i;
  while (k < t.length && k - i < max && isDigitCode(t.charCodeAt(k))) k++;
  return k;
}
