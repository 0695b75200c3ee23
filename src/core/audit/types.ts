/**
 * Audit entry shapes shared by the browser database (src/db) and the offline verifier
 * (scripts/audit-verify.ts). Pure types: no DOM, no Node.
 */

/**
 * Which kind of event an entry records. 'deletion': the user deleted a conversation (see
 * `DeletionRecord`); such an entry holds no content, only an id and counts.
 */
export type AuditKind = 'decision' | 'step' | 'override' | 'deletion';

/**
 * What a deletion removed, as counts only: never a title, a message or a value, so the log keeps
 * no trace of what the user chose to forget. `requestId` holds the conversation's random id.
 */
export interface DeletionRecord {
  what: 'conversation';
  messages: number;
  /** Placeholder <-> value pairs of the conversation's vault. */
  vaultEntries: number;
  /** Attached documents (each with its text and its index). */
  documents: number;
  /** Requests still waiting in the outbox. */
  queued: number;
}

/** What a caller hands to `appendAudit`. */
export interface AuditEntryInput {
  requestId: string;
  route: string;
  pattern: string;
  tiersThatSawData: string[];
  entityCounts: Record<string, number>;
  /** The exact outgoing text as sent (already redacted), when the policy allows storing it. */
  outgoingText?: string;
  /** SHA-256 (hex) of the outgoing text, when the policy says to store only the digest. */
  outgoingSha256?: string;
  responseBytes?: number;
  latencyMs?: number;
  tokens?: { prompt: number; completion: number };
  costUsd?: number;
  error?: { code: string; message: string };
  /**
   * The local engine that took part (judged, checked for personal values or answered), when a
   * local model was ready: "web-llm", "chrome-built-in" or, in e2e builds, "test-engine".
   */
  localModel?: { engine: string; modelId: string };
  /** Only on 'deletion' entries. */
  deleted?: DeletionRecord;
  kind: AuditKind;
}

/** A stored entry: the input plus its place in the chain. Every field is covered by `hash`. */
export interface AuditEntry extends AuditEntryInput {
  /** Format version of the hashed content. */
  v: 1;
  /** 1-based position in the chain; consecutive, no gaps. */
  seq: number;
  /** ISO 8601 timestamp of the append. */
  at: string;
  /** Entity types with a count > 0, sorted: lets the UI filter through an index. */
  entityTypes: string[];
  /** Fingerprint of the public key that signed this entry (see `keyIdFor`). */
  keyId: string;
  /** `hash` of the previous entry, or GENESIS_HASH for seq 1. */
  prevHash: string;
  /** SHA-256 (hex) of `canonicalize(entry without hash and signature)`. */
  hash: string;
  /** ECDSA P-256 / SHA-256 signature (raw r||s, base64) over the UTF-8 bytes of `hash`. */
  signature: string;
}

/** The last entry of the chain as the database remembers it (detects truncation). */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * The public members of an EC key in JWK form. Declared here because src/core has neither the DOM
 * nor Node's lib, and both runtimes' JsonWebKey types are assignable to it.
 */
export interface PublicJwk {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  ext?: boolean;
  key_ops?: string[];
}

/** A WebCrypto key, whichever runtime's lib declares it. */
export type WebCryptoKey =
  Awaited<ReturnType<typeof crypto.subtle.generateKey>> extends infer K
    ? K extends { publicKey: infer P }
      ? P
      : never
    : never;

/** Public key of a device that signed entries, as written into exports and backups. */
export interface AuditPublicKey {
  keyId: string;
  publicKeyJwk: PublicJwk;
}

/** Why verification failed; `reason` says it in words. */
export type AuditFailureCode =
  | 'malformed'
  | 'edited'
  | 'broken_link'
  | 'sequence'
  | 'bad_signature'
  | 'unknown_key'
  | 'truncated'
  /** Browser storage only: the per-entry index rows do not match the entries. */
  | 'index_mismatch';

export type AuditVerifyResult =
  | { ok: true; count: number }
  | { ok: false; firstBadSeq: number; reason: string; code: AuditFailureCode; count: number };

/** Header line of a JSON Lines export; every following line is one AuditEntry. */
export interface AuditExportHeader {
  type: 'hearth-audit-export';
  version: 1;
  exportedAt: string;
  count: number;
  head: AuditHead | null;
  keys: AuditPublicKey[];
}

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
