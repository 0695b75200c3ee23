/** Reversible redaction: a per-conversation vault of placeholder <-> original value. */
import { detect, detectPatterns } from './detect';
import { LOOSE_PLACEHOLDER_RE, canonicalType, formatPlaceholder } from './placeholders';
import {
  DEFAULT_THRESHOLD,
  type DenyListEntry,
  type DetectOptions,
  type Entity,
  type EntityType,
  type StructuredError,
} from './types';

export interface VaultEntry {
  placeholder: string;
  type: EntityType;
  value: string;
}

/** Plain-JSON form of a vault (what gets persisted, e.g. in IndexedDB). */
export interface VaultData {
  version: 1;
  entries: VaultEntry[];
  counters: Partial<Record<EntityType, number>>;
}

/** The key under which "the same value" is recognised, per type. */
export function valueKey(type: EntityType, value: string): string {
  const v = value.normalize('NFKC');
  switch (type) {
    case 'EMAIL':
      return `${type}:${v.replace(/\s+/g, '').toLowerCase()}`;
    case 'PHONE':
      return `${type}:${v.trim().startsWith('+') || v.trim().startsWith('00') ? '+' : ''}${v.replace(/\D/g, '').replace(/^00/, '')}`;
    case 'CREDIT_CARD':
      return `${type}:${v.replace(/\D/g, '')}`;
    case 'IBAN':
    case 'NATIONAL_ID':
      return `${type}:${v.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`;
    default:
      return `${type}:${v.replace(/\s+/g, ' ').trim().toLowerCase()}`;
  }
}

export class Vault {
  private readonly byKey = new Map<string, VaultEntry>();
  private readonly byPlaceholder = new Map<string, VaultEntry>();
  private readonly counters: Partial<Record<EntityType, number>> = {};

  /** Returns the placeholder for this value, creating one if needed. */
  placeholderFor(type: EntityType, value: string): string {
    const key = valueKey(type, value);
    const found = this.byKey.get(key);
    if (found) return found.placeholder;
    const n = (this.counters[type] ?? 0) + 1;
    this.counters[type] = n;
    const entry: VaultEntry = { placeholder: formatPlaceholder(type, n), type, value };
    this.byKey.set(key, entry);
    this.byPlaceholder.set(entry.placeholder, entry);
    return entry.placeholder;
  }

  /** Looks up a canonical placeholder like "[PERSON_1]". */
  lookup(placeholder: string): VaultEntry | undefined {
    return this.byPlaceholder.get(placeholder);
  }

  get size(): number {
    return this.byPlaceholder.size;
  }

  entries(): VaultEntry[] {
    return [...this.byPlaceholder.values()];
  }

  /**
   * Every value this vault has replaced, as deny-list entries for the detector: a value redacted
   * in an earlier turn stays redacted in every later one, even where the detector would not
   * recognise it again in its new context.
   */
  knownValues(): DenyListEntry[] {
    return this.entries().map((e) => ({ value: e.value, type: e.type }));
  }

  toJSON(): VaultData {
    return {
      version: 1,
      entries: this.entries().map((e) => ({ ...e })),
      counters: { ...this.counters },
    };
  }

  static fromJSON(data: VaultData): Vault {
    const v = new Vault();
    for (const e of data.entries) {
      v.byKey.set(valueKey(e.type, e.value), e);
      v.byPlaceholder.set(e.placeholder, { ...e });
    }
    Object.assign(v.counters, data.counters);
    for (const e of data.entries) {
      const n = Number(/_(\d+)\]$/.exec(e.placeholder)?.[1] ?? 0);
      v.counters[e.type] = Math.max(v.counters[e.type] ?? 0, n);
    }
    return v;
  }
}

export interface PlaceholderUse {
  placeholder: string;
  type: EntityType;
  value: string;
  /** Position of the placeholder in the redacted text. */
  start: number;
  end: number;
  /** Position of the value in the original text. */
  originalStart: number;
  originalEnd: number;
}

export interface RedactResult {
  text: string;
  placeholders: PlaceholderUse[];
}

/** Replaces each entity (non-overlapping; overlaps are skipped, first wins) with its placeholder. */
export function redact(text: string, entities: readonly Entity[], vault: Vault): RedactResult {
  const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  const placeholders: PlaceholderUse[] = [];
  for (const e of sorted) {
    if (e.start < pos || e.end <= e.start || e.end > text.length) continue;
    const value = text.slice(e.start, e.end);
    const ph = vault.placeholderFor(e.type, value);
    out += text.slice(pos, e.start);
    placeholders.push({
      placeholder: ph,
      type: e.type,
      value,
      start: out.length,
      end: out.length + ph.length,
      originalStart: e.start,
      originalEnd: e.end,
    });
    out += ph;
    pos = e.end;
  }
  out += text.slice(pos);
  return { text: out, placeholders };
}

export interface RestoreResult {
  text: string;
  /** Placeholders found in the text that this vault does not know (left unchanged). */
  unknown: string[];
}

/**
 * Puts original values back into a model's answer. Tolerates "[person_1]", "[ PERSON_1 ]",
 * "(PERSON_1)", "PERSON-1" and bare "PERSON_1". Unknown placeholders are left as they are and
 * reported; no value is ever invented.
 */
export function restore(text: string, vault: Vault): RestoreResult {
  const unknown: string[] = [];
  LOOSE_PLACEHOLDER_RE.lastIndex = 0;
  const out = text.replace(LOOSE_PLACEHOLDER_RE, (match: string, rawType: string, num: string) => {
    const type = canonicalType(rawType);
    if (!type) return match;
    const canonical = formatPlaceholder(type, Number(num));
    const entry = vault.lookup(canonical);
    if (!entry) {
      if (!unknown.includes(canonical)) unknown.push(canonical);
      return match;
    }
    // keep delimiters that are not part of a placeholder pair (e.g. "(PERSON_1]" -> "(value")
    const open = /^[[({<]/.exec(match)?.[0] ?? '';
    const close = /[\])}>]$/.exec(match)?.[0] ?? '';
    const pairs: Record<string, string> = { '[': ']', '(': ')', '{': '}', '<': '>' };
    const bracketed = open !== '' && close !== '' && pairs[open] === close;
    const pre = bracketed || open === '[' ? '' : open;
    const post = bracketed || close === ']' ? '' : close;
    return pre + entry.value + post;
  });
  return { text: out, unknown };
}

export interface PiiRemainingErrorData extends StructuredError {
  code: 'pii_remaining' | 'detector_failed';
  types: EntityType[];
}

export class PiiRemainingError extends Error {
  readonly code: PiiRemainingErrorData['code'];
  readonly types: EntityType[];
  constructor(data: PiiRemainingErrorData) {
    super(data.message);
    this.name = 'PiiRemainingError';
    this.code = data.code;
    this.types = data.types;
  }
  toJSON(): PiiRemainingErrorData {
    return { code: this.code, message: this.message, types: this.types };
  }
}

function remainingError(entities: readonly Entity[]): PiiRemainingErrorData {
  const types = [...new Set(entities.map((e) => e.type))].sort();
  return {
    code: 'pii_remaining',
    types,
    message: `redacted text still contains ${types.join(', ')}`,
  };
}

/** Pattern-stage re-scan of a redacted text; throws PiiRemainingError if anything above threshold remains. */
export function assertClean(redactedText: string, options: Omit<DetectOptions, 'ner'> = {}): void {
  const ents = detectPatterns(redactedText, { threshold: DEFAULT_THRESHOLD, ...options });
  if (ents.length) throw new PiiRemainingError(remainingError(ents));
}

/**
 * Full re-scan (patterns + model). Resolves to {ok: true} or {ok: false, error}; a model failure
 * is reported as 'detector_failed' so the caller fails closed.
 */
export async function rescan(
  redactedText: string,
  options: DetectOptions = {},
): Promise<{ ok: true } | { ok: false; error: PiiRemainingErrorData }> {
  const r = await detect(redactedText, { threshold: DEFAULT_THRESHOLD, ...options });
  if (r.modelStage === 'failed') {
    return {
      ok: false,
      error: {
        code: 'detector_failed',
        types: [],
        message: r.error?.message ?? 'model stage failed',
      },
    };
  }
  if (r.entities.length) return { ok: false, error: remainingError(r.entities) };
  return { ok: true };
}
