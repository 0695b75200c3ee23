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

interface Failure {
  seq: number;
  code: AuditFailureCode;
  reason: string;
}

type EntryCheck = { hashOk: boolean; sigOk: boolean; known: boolean } | 'malformed';

/**
 * Streaming verifier: feed it the chain in order, in batches of any size, then ask for the result.
 * Stops at the first bad entry (lowest seq) and reports it in words.
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
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
  ) {}

  /** Entries checked so far. */
  get checked(): number {
    return this.count;
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  async push(entries: readonly unknown[]): Promise<void> {
    if (this.failure || entries.length === 0) return;
    if (this.signatures === 'head') {
      // Nothing asynchronous per entry: one synchronous loop, stopping at the first failure.
      for (const raw of entries) {
        const fail = this.checkLink(raw, this.checkContent(raw));
        if (fail) {
          this.failure = fail;
          return;
        }
        this.count += 1;
      }
      return;
    }
    // Signatures in parallel; links are then checked in order.
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

  /** Shape, hash and key of one entry; the signature counts as good (checked elsewhere or not). */
  private checkContent(raw: unknown): EntryCheck {
    if (!isEntryShape(raw)) return 'malformed';
    // Synchronous SHA-256: same digest as WebCrypto, without a thread hop per entry.
    const hashOk = sha256HexSync(canonicalizeWithout(raw, NOT_HASHED)) === raw.hash;
    const known = Boolean(this.resolveKey(raw.keyId));
    return { hashOk, sigOk: known, known };
  }

  private async checkOne(raw: unknown): Promise<EntryCheck> {
    const check = this.checkContent(raw);
    if (check === 'malformed' || !check.known || !isEntryShape(raw)) return check;
    const key = this.resolveKey(raw.keyId);
    const sigOk = key
      ? await verifyHashSignature(key, raw.hash, raw.signature).catch(() => false)
      : false;
    return { ...check, sigOk };
  }

  private checkLink(raw: unknown, check: EntryCheck): Failure | null {
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
