/**
 * Building and verifying the hash chain. Pure: entries in, verdict out; storage lives elsewhere.
 *
 * Each entry's `hash` is SHA-256 over the canonical serialisation of every stored field except
 * `hash` and `signature`; that content includes `seq` and `prevHash`, so editing, deleting,
 * inserting or reordering any entry breaks the chain at that entry. Each hash is also signed with
 * the device key, so recomputing the hashes after an edit does not help without the private key.
 */
import { canonicalize, canonicalizeWithout } from './canonical';
import { sha256Hex, signHash, verifyHashSignature } from './signing';
import { sha256HexSync } from './sha256';
import {
  GENESIS_HASH,
  type AuditEntry,
  type AuditEntryInput,
  type AuditFailureCode,
  type AuditHead,
  type AuditVerifyResult,
  type WebCryptoKey,
} from './types';

/** The members of an entry its hash does not cover. */
const NOT_HASHED: ReadonlySet<string> = new Set(['hash', 'signature']);

/** The hashed content of an entry: everything but `hash` and `signature`. */
export function entryBody(entry: AuditEntry): Omit<AuditEntry, 'hash' | 'signature'> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { hash, signature, ...body } = entry;
  return body;
}

export function hashBody(body: Omit<AuditEntry, 'hash' | 'signature'>): Promise<string> {
  return sha256Hex(canonicalize(body));
}

/** Entity types with a count > 0, sorted. */
export function entityTypesOf(counts: Record<string, number>): string[] {
  return Object.keys(counts)
    .filter((k) => (counts[k] ?? 0) > 0)
    .sort();
}

/**
 * Turns inputs into chained, signed entries following `head`. Hashing is sequential (each hash
 * covers the previous one); signing runs in parallel.
 */
export async function buildEntries(
  inputs: readonly AuditEntryInput[],
  head: AuditHead | null,
  key: { keyId: string; privateKey: WebCryptoKey },
  now: () => Date = () => new Date(),
): Promise<AuditEntry[]> {
  let prevHash = head?.hash ?? GENESIS_HASH;
  let seq = head?.seq ?? 0;
  const bodies: Omit<AuditEntry, 'hash' | 'signature'>[] = [];
  const hashes: string[] = [];
  for (const input of inputs) {
    seq += 1;
    const body = {
      ...stripUndefined(input),
      v: 1 as const,
      seq,
      at: now().toISOString(),
      entityTypes: entityTypesOf(input.entityCounts),
      keyId: key.keyId,
      prevHash,
    };
    const hash = await hashBody(body);
    bodies.push(body);
    hashes.push(hash);
    prevHash = hash;
  }
  const signatures = await Promise.all(hashes.map((h) => signHash(key.privateKey, h)));
  return bodies.map((body, i) => ({
    ...body,
    hash: hashes[i] ?? '',
    signature: signatures[i] ?? '',
  }));
}

function stripUndefined<T extends object>(obj: T): T {
  const out = {} as T;
  for (const k of Object.keys(obj) as (keyof T)[]) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

/** Resolves a keyId to a verification key; null when the key is unknown. */
export type KeyResolver = (keyId: string) => WebCryptoKey | null | undefined;

export interface ChainFailure {
  seq: number;
  code: AuditFailureCode;
  reason: string;
}
type Failure = ChainFailure;

/**
 * What a verifier that checked one slice of the chain found (see `ChainVerifier.verdict`). Plain
 * data, so it can cross a worker boundary.
 */
export interface RangeVerdict {
  /** The slice holds the entries with afterSeq < seq (<= the next slice's afterSeq). */
  afterSeq: number;
  /** Entries that passed every check. */
  count: number;
  /** The seq of the slice's first entry, if it had a numeric one. */
  firstSeq: number | null;
  /** The prevHash of the slice's first entry: linking it to the slice before is the caller's job. */
  firstPrevHash: string | null;
  /** The last entry that passed (the head candidate for the last slice). */
  last: AuditEntry | null;
  failure: ChainFailure | null;
}

/**
 * Streaming verifier: feed it the chain in order, in batches of any size, then ask for the result.
 * Stops at the first bad entry (lowest seq) and reports it in words.
 */
export class ChainVerifier {
  /** null until the first entry of a slice (range mode): its link is checked by `absorb`. */
  private prevHash: string | null;
  private expectedSeq: number;
  private firstPrevHash: string | null = null;
  private firstSeq: number | null | undefined;
  private count = 0;
  private failure: Failure | null = null;

  private last: AuditEntry | null = null;

  /**
   * `signatures: 'all'` (the default) checks every entry's signature. `'head'` checks every hash
   * and link but only the last entry's signature: that signature covers the head hash, which
   * commits to every earlier entry, so the content of the whole chain is still proven; when it
   * fails, a binary search over signatures finds the first entry the device never signed.
   * What 'head' does not notice is a signature that was corrupted or swapped on an entry whose
   * content is intact.
   */
  constructor(
    private readonly resolveKey: KeyResolver,
    private readonly signatures: 'all' | 'head' = 'all',
    /**
     * Range mode: check only the entries after this seq (a slice verified in parallel with
     * others). The slice's first link is left to `absorb` on the verifier that owns the chain.
     */
    private readonly afterSeq?: number,
  ) {
    this.prevHash = afterSeq === undefined || afterSeq === 0 ? GENESIS_HASH : null;
    this.expectedSeq = (afterSeq ?? 0) + 1;
  }

  /** The outcome of a range-mode verifier, to hand to `absorb`. */
  verdict(): RangeVerdict {
    return {
      afterSeq: this.afterSeq ?? 0,
      count: this.count,
      firstSeq: this.firstSeq ?? null,
      firstPrevHash: this.firstPrevHash,
      last: this.last,
      failure: this.failure,
    };
  }

  /**
   * Takes over the verdict of the slice that follows what this verifier has seen, as if it had
   * checked those entries itself: the link from this verifier's last entry to the slice's first
   * is checked here, and the first failure (lowest seq) wins. Feed slices in order.
   */
  absorb(v: RangeVerdict): void {
    if (this.failure) return;
    if (v.count === 0 && !v.failure) return; // an empty slice
    if (v.afterSeq !== this.expectedSeq - 1) {
      // The slice before ended early without failing, so the slice's first entry is not the one
      // expected here. Only a malformed first entry is reported as such (that check does not
      // depend on what was expected); otherwise this is a gap, as a single pass would say.
      if (v.count === 0 && v.failure?.code === 'malformed') {
        this.failure = v.failure;
        return;
      }
      // `at` <= v.afterSeq < found: the gap starts at `at`.
      const at = this.expectedSeq;
      const found = v.firstSeq ?? v.afterSeq + 1;
      this.failure = {
        seq: at,
        code: 'sequence',
        reason: `expected entry ${at} but found entry ${found}: entries were deleted, inserted or reordered`,
      };
      return;
    }
    if (v.firstPrevHash !== null && v.firstPrevHash !== this.prevHash) {
      const seq = v.afterSeq + 1;
      this.failure = {
        seq,
        code: 'broken_link',
        reason: `entry ${seq} does not follow entry ${seq - 1}: an entry before it was replaced, inserted or removed`,
      };
      return;
    }
    this.count += v.count;
    if (v.last) {
      this.last = v.last;
      this.prevHash = v.last.hash;
      this.expectedSeq = v.last.seq + 1;
    }
    this.failure = v.failure;
  }

  /** Entries checked so far. */
  get checked(): number {
    return this.count;
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  async push(entries: readonly unknown[]): Promise<void> {
    if (this.failure || entries.length === 0) return;
    if (this.firstSeq === undefined) {
      const first = entries[0];
      this.firstSeq = isRecord(first) && typeof first.seq === 'number' ? first.seq : null;
    }
    // Hashes and signatures in parallel; links are then checked in order.
    const checks = await Promise.all(entries.map((e) => this.checkOne(e)));
    for (const [i, check] of checks.entries()) {
      const fail = this.checkLink(entries[i], check);
      if (fail) {
        this.failure = fail;
        return;
      }
      this.count += 1;
    }
  }

  /** The verdict; pass the head the store remembers to detect entries removed from the end. */
  async result(
    head?: AuditHead | null,
    lookup?: (seq: number) => Promise<unknown>,
  ): Promise<AuditVerifyResult> {
    if (!this.failure && this.signatures === 'head' && this.last) {
      this.failure = await this.checkHeadSignature(this.last, lookup);
    }
    let f = this.failure;
    if (!f && head !== undefined) {
      const lastSeq = this.expectedSeq - 1;
      if ((head?.seq ?? 0) !== lastSeq || (head !== null && head.hash !== this.prevHash)) {
        f = {
          seq: Math.min(lastSeq + 1, head?.seq ?? lastSeq + 1),
          code: 'truncated',
          reason:
            (head?.seq ?? 0) > lastSeq
              ? `the log ends at entry ${lastSeq} but entry ${head?.seq} was written: entries were removed from the end`
              : `the last entry (${lastSeq}) is not the one recorded as the head of the chain`,
        };
      }
    }
    if (f)
      return { ok: false, firstBadSeq: f.seq, reason: f.reason, code: f.code, count: this.count };
    return { ok: true, count: this.count };
  }

  private async signatureOk(entry: unknown): Promise<boolean> {
    if (!isEntryShape(entry)) return false;
    const key = this.resolveKey(entry.keyId);
    if (!key) return false;
    return verifyHashSignature(key, entry.hash, entry.signature).catch(() => false);
  }

  private async checkHeadSignature(
    last: AuditEntry,
    lookup?: (seq: number) => Promise<unknown>,
  ): Promise<Failure | null> {
    if (await this.signatureOk(last)) return null;
    let bad = last.seq;
    if (lookup) {
      // Every entry before the first forged one still carries a valid signature; from it on, no
      // hash was ever signed by the device. Find the boundary.
      let lo = 1;
      let hi = last.seq;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (await this.signatureOk(await lookup(mid))) lo = mid + 1;
        else hi = mid;
      }
      bad = lo;
    }
    return {
      seq: bad,
      code: 'bad_signature',
      reason: `entry ${bad}'s signature does not verify with the device key`,
    };
  }

  private async checkOne(
    raw: unknown,
  ): Promise<{ hashOk: boolean; sigOk: boolean; known: boolean } | 'malformed'> {
    if (!isEntryShape(raw)) return 'malformed';
    // Synchronous SHA-256: same digest as WebCrypto, without a thread hop per entry.
    const hashOk = sha256HexSync(canonicalizeWithout(raw, NOT_HASHED)) === raw.hash;
    const key = this.resolveKey(raw.keyId);
    if (!key) return { hashOk, sigOk: false, known: false };
    if (this.signatures === 'head') return { hashOk, sigOk: true, known: true };
    const sigOk = await verifyHashSignature(key, raw.hash, raw.signature).catch(() => false);
    return { hashOk, sigOk, known: true };
  }

  private checkLink(
    raw: unknown,
    check: { hashOk: boolean; sigOk: boolean; known: boolean } | 'malformed',
  ): Failure | null {
    const at = this.expectedSeq;
    if (check === 'malformed') {
      const seq = isRecord(raw) && typeof raw.seq === 'number' ? raw.seq : at;
      return { seq, code: 'malformed', reason: `entry ${seq} is not a well-formed audit entry` };
    }
    const e = raw as AuditEntry;
    if (e.seq !== at) {
      return {
        seq: Math.min(e.seq, at),
        code: 'sequence',
        reason: `expected entry ${at} but found entry ${e.seq}: entries were deleted, inserted or reordered`,
      };
    }
    if (!check.hashOk) {
      return {
        seq: e.seq,
        code: 'edited',
        reason: `entry ${e.seq} does not match its hash: it was edited after it was written`,
      };
    }
    if (this.prevHash === null) {
      // First entry of a slice: its link to the slice before is checked by `absorb`.
      this.firstPrevHash = e.prevHash;
      this.prevHash = e.prevHash;
    }
    if (e.prevHash !== this.prevHash) {
      return {
        seq: e.seq,
        code: 'broken_link',
        reason: `entry ${e.seq} does not follow entry ${e.seq - 1}: an entry before it was replaced, inserted or removed`,
      };
    }
    if (!check.known) {
      return {
        seq: e.seq,
        code: 'unknown_key',
        reason: `entry ${e.seq} was signed by an unknown key (${e.keyId.slice(0, 16)}…)`,
      };
    }
    if (!check.sigOk) {
      return {
        seq: e.seq,
        code: 'bad_signature',
        reason: `entry ${e.seq}'s signature does not verify with the device key`,
      };
    }
    this.prevHash = e.hash;
    this.expectedSeq += 1;
    this.last = e;
    return null;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const HEX64 = /^[0-9a-f]{64}$/;

function isEntryShape(v: unknown): v is AuditEntry {
  return (
    isRecord(v) &&
    v.v === 1 &&
    Number.isSafeInteger(v.seq) &&
    typeof v.at === 'string' &&
    typeof v.keyId === 'string' &&
    typeof v.prevHash === 'string' &&
    typeof v.hash === 'string' &&
    HEX64.test(v.hash) &&
    typeof v.signature === 'string' &&
    typeof v.requestId === 'string' &&
    typeof v.route === 'string' &&
    typeof v.pattern === 'string' &&
    Array.isArray(v.tiersThatSawData) &&
    isRecord(v.entityCounts) &&
    Array.isArray(v.entityTypes)
  );
}

/** Verifies a whole chain held in memory (the CLI and tests). */
export async function verifyEntries(
  entries: readonly unknown[],
  resolveKey: KeyResolver,
  head?: AuditHead | null,
  signatures: 'all' | 'head' = 'all',
  batchSize = 2000,
): Promise<AuditVerifyResult> {
  const v = new ChainVerifier(resolveKey, signatures);
  for (let i = 0; i < entries.length && !v.failed; i += batchSize) {
    await v.push(entries.slice(i, i + batchSize));
  }
  return v.result(head, async (seq) => entries.find((e) => isRecord(e) && e.seq === seq));
}
