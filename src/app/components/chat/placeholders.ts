/**
 * Splits text into plain runs and placeholder runs ([PERSON_1]) so the UI can highlight what was
 * redacted. Same placeholder grammar as src/core/pii (type in capitals, underscore, number).
 */
const PLACEHOLDER = /\[[A-Z][A-Z_]*_\d+\]/g;

export type TextRun = { kind: 'text' | 'placeholder'; text: string };

export function splitPlaceholders(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const at = m.index;
    if (at > last) runs.push({ kind: 'text', text: text.slice(last, at) });
    runs.push({ kind: 'placeholder', text: m[0] });
    last = at + m[0].length;
  }
  if (last < text.length) runs.push({ kind: 'text', text: text.slice(last) });
  return runs;
}

/** Splits text into runs around detected spans (for the live preview's highlighting). */
export function splitSpans(
  text: string,
  spans: readonly { start: number; end: number; type: string }[],
): Array<{ text: string; type?: string }> {
  const out: Array<{ text: string; type?: string }> = [];
  let last = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < last || s.end > text.length) continue; // overlapping or stale span
    if (s.start > last) out.push({ text: text.slice(last, s.start) });
    out.push({ text: text.slice(s.start, s.end), type: s.type });
    last = s.end;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
