/** Row types of the Hearth database. These are the contracts the orchestrator and UI rely on. */
import type { AuditEntry, AuditHead, PublicJwk } from '../core/audit';

export type Role = 'user' | 'assistant' | 'system';
export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'error' | 'queued' | 'blocked';
export type Sensitivity = 'public' | 'internal' | 'personal' | 'regulated';
export interface StructuredError {
  code: string;
  message: string;
}

export interface Conversation {
  id: string;
  title: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

export interface Message {
  id: string;
  conversationId: string;
  role: Role;
  /** The text with real values (plain text: history, search); never rendered as Markdown. */
  content: string;
  /**
   * A cloud answer as the model wrote it, with placeholders, when it differs from `content`:
   * what the UI renders, filling the conversation's vault into text nodes only (never links).
   */
  raw?: string;
  createdAt: number;
  /** Where the answer came from ('local', 'cloud', ...), as decided by the router. */
  route?: string;
  /** The routing pattern that produced it ('sanitize-and-solve', ...). */
  pattern?: string;
  /** Short label shown on the message ("answered locally"). */
  badge?: string;
  requestId?: string;
  status?: MessageStatus;
  error?: StructuredError;
  /** What the router did for this answer: the "What left this device" panel reads it. */
  routing?: MessageRouting;
}

/** The routing record of one answer, as shown to the user. */
export interface MessageRouting {
  /** The badge: "Local", "Private tier", "Cloud", "Cloud (redacted)", "Escalated", "Queued", "Blocked". */
  label: string;
  tone: 'local' | 'private' | 'frontier' | 'queued' | 'blocked' | 'error';
  /** The tier that produced the answer. */
  tier: string;
  pattern: string;
  sensitivity: string;
  reasons: string[];
  /** Exactly what left this device, per cloud call (already redacted). */
  leftDevice: { tier: string; text: string }[];
  redacted: number;
  escalated: boolean;
  /** A sentence on anything unusual (fallback after a cloud failure, unknown placeholders). */
  note?: string;
}

export interface Memory {
  id: string;
  text: string;
  sensitivity: Sensitivity;
  /** When true the orchestrator must never send this memory to any cloud tier. */
  neverLeavesDevice: boolean;
  createdAt: number;
  updatedAt: number;
}

/** One placeholder <-> value pair of a conversation's redaction vault. */
export interface VaultRow {
  conversationId: string;
  placeholder: string;
  type: string;
  value: string;
  /** The key under which "the same value" is recognised (see core/pii valueKey). */
  normalized: string;
}

export interface OutboxItem {
  id: string;
  conversationId: string;
  messageId: string;
  createdAt: number;
  /** The request to send when the cloud is reachable (plain JSON). */
  request: unknown;
  attempts: number;
  lastError?: StructuredError;
}

export interface MetricSample {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  route: string;
  tier: string;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  redactions: Record<string, number>;
  escalated: boolean;
}

export interface Setting {
  key: string;
  value: unknown;
}

/** A signing key of this or an imported device; only this device's row has a private key. */
export interface AuditKeyRow {
  keyId: string;
  publicKeyJwk: PublicJwk;
  publicKey: CryptoKey;
  /** Non-extractable; present only for the key this device signs with. */
  privateKey?: CryptoKey;
  createdAt: number;
}

/**
 * Audit entries are stored 100 to a record (schema v3): IndexedDB's cost is mostly per record,
 * so reading 100,000 entries for verification takes a third of the time it did one per record.
 * A block holds the entries with first <= seq < first + AUDIT_BLOCK_SIZE, in seq order, and is the
 * authoritative copy of the log.
 */
export interface AuditBlockRow {
  first: number;
  entries: AuditEntry[];
}

/**
 * Per-entry rows that exist for the indexes behind the Audit view's filters and for counting.
 * Derived from the blocks when an entry is written; verification checks their number.
 */
export interface AuditIndexRow {
  seq: number;
  at: string;
  route: string;
  requestId: string;
  tiersThatSawData: string[];
  entityTypes: string[];
}

export interface AuditMetaRow {
  id: 'head';
  head: AuditHead;
}

export type { AuditEntry };
