/**
 * The browser's last step before a request leaves: the proxy's exact re-scan (`scanForwarded`) on
 * exactly the strings that will be forwarded, and on a finding, a redaction of what it found,
 * again, until the scan is clean. So the proxy, running the same scan on the same strings with the
 * same detector, never blocks what the browser decided to send: a disagreement between the
 * detection that planned the redaction and the re-scan (the invoice number that reads as a phone
 * once the name beside it is a placeholder) is settled here, in favour of redacting.
 *
 * Pure and synchronous (the pattern stage is synchronous), so the chat, the composer's preview and
 * the Policy view's "Try it" can all run it.
 */
import { scanForwarded, type ForwardedDetector } from './forwarded-scan';
import { placeholderRanges } from './placeholders';
import { isWordAt } from './recognizers/shared';
import { redactFound, startRedaction, type RedactionState } from './redact-loop';
import { DEFAULT_THRESHOLD, type EntityType, type StructuredError } from './types';
import type { PlaceholderUse, Vault } from './vault';

export interface CleanForwardedOptions {
  /** The proxy's detector: src/core/pii's `detectPatterns`. */
  detect: ForwardedDetector;
  /** The proxy's threshold (the browser passes the lower of its own and the proxy's). */
  threshold?: number;
  /** Texts that must be sent as they are (a fixed system instruction): a finding there blocks. */
  fixed?: ReadonlySet<number>;
  /**
   * Rounds of redaction before giving up (fail closed). Redacting a value can turn the digits next
   * to it into a new reading; on 20,000 random piles of numbers and labels the most rounds any
   * needed was six.
   */
  maxRounds?: number;
}

export type CleanForwardedResult =
  | {
      ok: true;
      texts: string[];
      /** Placeholders the re-scan added, per text (empty when the first scan was clean). */
      added: PlaceholderUse[];
      /** How many scans ran (1 when the texts were clean already). */
      scans: number;
    }
  | { ok: false; error: StructuredError & { types?: string[] } };

/**
 * Scans `texts` as the proxy will (each alone and all joined); while anything is found, redacts
 * the pieces of the texts it covers with `vault`'s placeholders and scans again. Fails closed when
 * the detector fails, when a finding lies in a fixed text or cannot be located, or when findings
 * remain after `maxRounds` rounds.
 */
export function cleanForwarded(
  texts: readonly string[],
  vault: Vault,
  options: CleanForwardedOptions,
): CleanForwardedResult {
  const maxRounds = options.maxRounds ?? 8;
  const states = new Map<number, RedactionState>();
  const current = [...texts];
  for (let scan = 1; ; scan++) {
    const verdict = scanForwarded(current, options.detect, options.threshold);
    if (verdict.verdict === 'clean') {
      const added = [...states.values()].flatMap((s) => s.placeholders);
      return { ok: true, texts: current, added, scans: scan };
    }
    if (verdict.verdict === 'failed')
      return { ok: false, error: { code: 'detector_failed', message: verdict.message } };
    const fail = (message: string) => ({
      ok: false as const,
      error: { code: 'pii_remaining', message, types: verdict.types },
    });
    if (scan > maxRounds)
      return fail(`the re-scan still finds ${verdict.types.join(', ')} after ${maxRounds} rounds`);
    const byText = new Map<number, Array<{ start: number; end: number; type: EntityType }>>();
    for (const f of verdict.findings) {
      if (f.locations.length === 0)
        return fail(`the re-scan found ${f.type} and cannot say where: nothing is sent`);
      for (const l of f.locations) {
        if (options.fixed?.has(l.index))
          return fail(`the re-scan found ${f.type} in a fixed instruction: nothing is sent`);
        const list = byText.get(l.index) ?? [];
        list.push({ start: l.start, end: l.end, type: f.type as EntityType });
        byText.set(l.index, list);
      }
    }
    addOtherOccurrences(current, byText, options.fixed);
    for (const [index, found] of byText) {
      let state = states.get(index);
      if (!state) {
        state = startRedaction(current[index] ?? '');
        states.set(index, state);
      }
      redactFound(state, found, vault);
      current[index] = state.text;
    }
  }
}

/**
 * Every other occurrence, in the texts that may change, of a value the scan found: whether a
 * number reads as a phone depends on the words around it, and redacting one occurrence moves the
 * next one into a context word's reach ("invoice 2024-117 … 2024-117 … Call"), so finding them
 * one round at a time could outlast the rounds and block a send for nothing. The same value gets
 * the same placeholder anyway.
 */
function addOtherOccurrences(
  texts: readonly string[],
  byText: Map<number, Array<{ start: number; end: number; type: EntityType }>>,
  fixed: ReadonlySet<number> | undefined,
): void {
  const values = new Map<string, EntityType>();
  for (const [index, found] of byText)
    for (const f of found) {
      const v = (texts[index] ?? '').slice(f.start, f.end);
      if (v.trim().length >= 3 && !values.has(v)) values.set(v, f.type);
    }
  texts.forEach((text, index) => {
    if (fixed?.has(index)) return;
    const taken = placeholderRanges(text);
    const list = byText.get(index) ?? [];
    for (const [v, type] of values)
      for (let at = text.indexOf(v); at !== -1; at = text.indexOf(v, at + 1)) {
        const end = at + v.length;
        if (isWordAt(text, at - 1) || isWordAt(text, end)) continue;
        if (taken.some(([s, e]) => s < end && at < e)) continue;
        if (list.some((r) => r.start < end && at < r.end)) continue;
        list.push({ start: at, end, type });
      }
    if (list.length) byText.set(index, list);
  });
}

/**
 * The threshold the browser scans with: the lower of its policy's and the proxy's (the detector's
 * default unless the proxy says otherwise), so that whatever the proxy would find, the browser
 * found first.
 */
export function forwardedThreshold(own?: number, proxy: number = DEFAULT_THRESHOLD): number {
  return Math.min(own ?? DEFAULT_THRESHOLD, proxy);
}
