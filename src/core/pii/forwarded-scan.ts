/**
 * The last check on what is about to leave: every string of an outgoing request (the content of
 * every message, names, stop strings, the strings of a JSON schema, anything else that is
 * forwarded), each on its own AND all of them joined, so a value split across two messages, or
 * across a message and its `name`, is still seen whole.
 *
 * The proxy runs this as its re-scan (server/rescan-pool.ts), and the browser is meant to run the
 * identical function before sending, so the two never disagree in front of a user. Pure
 * TypeScript: no DOM, no Node APIs; the detector is passed in.
 */

/** What the scan needs of a finding. Offsets, when the detector gives them, locate it. */
export interface ForwardedEntity {
  type: string;
  score: number;
  start?: number;
  end?: number;
}

/** Same shape as `detectPatterns`; synchronous. */
export type ForwardedDetector = (
  text: string,
  options?: { threshold?: number },
) => readonly ForwardedEntity[];

/** Where a finding lies: in text `index` (of the texts given), from `start` to `end`. */
export interface ForwardedLocation {
  index: number;
  start: number;
  end: number;
}

export interface ForwardedFinding {
  type: string;
  score: number;
  /** True when only the joined texts showed it (a value split across two strings). */
  joined: boolean;
  /** The pieces of the texts it covers; empty when the detector gave no offsets. */
  locations: ForwardedLocation[];
}

export type ForwardedVerdict =
  | { verdict: 'clean' }
  | { verdict: 'blocked'; types: string[]; findings: ForwardedFinding[] }
  | { verdict: 'failed'; message: string };

/**
 * What goes between the texts when they are joined, one joined scan per separator. Nothing: a
 * value cut anywhere (inside an e-mail address, inside a digit group) reads as written. A space:
 * a value cut between its groups ("4111 1111" + "1111 1111") reads as its usual grouping. Joining
 * unrelated strings can only add findings, never hide one, since every text is also scanned alone.
 */
export const FORWARDED_JOINS: readonly string[] = ['', ' '];

/** Maps [start, end) of the joined text back to the texts it covers. */
function locate(
  offsets: readonly number[],
  lengths: readonly number[],
  start: number,
  end: number,
): ForwardedLocation[] {
  const out: ForwardedLocation[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const from = offsets[i] ?? 0;
    const to = from + (lengths[i] ?? 0);
    if (to <= start) continue;
    if (from >= end) break;
    out.push({ index: i, start: Math.max(start, from) - from, end: Math.min(end, to) - from });
  }
  return out;
}

/** One detector call of a scan: a text alone, or all of them joined with one separator. */
interface Pass {
  text: string;
  joined: boolean;
  /** Maps [start, end) of this pass's text to the texts it covers. */
  locate(start: number, end: number): ForwardedLocation[];
}

function passesOf(texts: readonly string[]): Pass[] {
  const passes: Pass[] = [];
  texts.forEach((text, index) => {
    if (text.length === 0) return;
    passes.push({
      text,
      joined: false,
      locate: (start, end) => [{ index, start, end }],
    });
  });
  // One text alone is already scanned; joining matters from two non-empty texts on.
  if (passes.length > 1) {
    const lengths = texts.map((t) => t.length);
    for (const separator of FORWARDED_JOINS) {
      const offsets: number[] = [];
      let at = 0;
      for (const t of texts) {
        offsets.push(at);
        at += t.length + separator.length;
      }
      passes.push({
        text: texts.join(separator),
        joined: true,
        locate: (start, end) => locate(offsets, lengths, start, end),
      });
    }
  }
  return passes;
}

/** Collects the findings of the passes, one duplicate-free list. */
class Findings {
  private readonly list: ForwardedFinding[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly threshold: number | undefined) {}

  add(pass: Pass, entities: readonly ForwardedEntity[]): void {
    for (const e of entities) {
      // Detectors apply the threshold already; checking again means a detector that ignores the
      // option cannot let a confident finding through.
      if (this.threshold !== undefined && e.score < this.threshold) continue;
      const located = e.start !== undefined && e.end !== undefined;
      const locations = located ? pass.locate(e.start ?? 0, e.end ?? 0) : [];
      // A joined pass also sees what the texts' own passes saw (inside one text it may still be
      // new: a label at the end of the text before can raise its score); drop the duplicates.
      const key = `${String(e.type)}|${locations.map((l) => `${l.index}:${l.start}-${l.end}`).join(',')}`;
      if (locations.length > 0 && this.seen.has(key)) continue;
      this.seen.add(key);
      this.list.push({ type: String(e.type), score: e.score, joined: pass.joined, locations });
    }
  }

  verdict(): ForwardedVerdict {
    if (this.list.length === 0) return { verdict: 'clean' };
    const types = [...new Set(this.list.map((f) => f.type))].sort();
    return { verdict: 'blocked', types, findings: this.list };
  }
}

function failed(err: unknown): ForwardedVerdict {
  return { verdict: 'failed', message: err instanceof Error ? err.message : 'the detector failed' };
}

/**
 * Scans `texts` alone and joined with `detect`; any finding at or above `threshold` (the
 * detector's default when undefined) blocks. A detector that throws gives 'failed': the caller
 * must fail closed and send nothing.
 */
export function scanForwarded(
  texts: readonly string[],
  detect: ForwardedDetector,
  threshold?: number,
): ForwardedVerdict {
  const options = threshold === undefined ? undefined : { threshold };
  const findings = new Findings(threshold);
  try {
    for (const pass of passesOf(texts)) findings.add(pass, detect(pass.text, options));
  } catch (err) {
    return failed(err);
  }
  return findings.verdict();
}

/** Same shape as `detect` with a model stage: asynchronous. */
export type AsyncForwardedDetector = (
  text: string,
  options?: { threshold?: number },
) => Promise<readonly ForwardedEntity[]>;

/**
 * scanForwarded with an asynchronous detector (the pattern stage plus the NER model). A detector
 * that rejects gives 'failed'.
 */
export async function scanForwardedAsync(
  texts: readonly string[],
  detect: AsyncForwardedDetector,
  threshold?: number,
): Promise<ForwardedVerdict> {
  const options = threshold === undefined ? undefined : { threshold };
  const findings = new Findings(threshold);
  try {
    for (const pass of passesOf(texts)) findings.add(pass, await detect(pass.text, options));
  } catch (err) {
    return failed(err);
  }
  return findings.verdict();
}
