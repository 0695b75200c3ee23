/** Row types of the Hearth database. These are the contracts the orchestrator and UI rely on. */
import type { AuditEntry, AuditHead, PublicJwk } from '../core/audit';

export type Role = 'user' | 'assistant' | 'system';
/** 'waiting': kept on this device until a local model is loaded (nothing could answer it). */
export type MessageStatus =
  'complete' | 'streaming' | 'stopped' | 'error' | 'queued' | 'blocked' | 'waiting';
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
  /** The user's instruction for this conversation, sent as a system message (see instructions.ts). */
  instructions?: string;
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
  /** Files attached to a user's message (the documents themselves are in `documents`). */
  attachments?: AttachmentRef[];
  /** The document passages an answer was given with ("From report.pdf, page 3"). */
  sources?: MessageSource[];
}

/** A file attached to a message, as the message remembers it (it survives the document's deletion). */
export interface AttachmentRef {
  documentId: string;
  name: string;
  kind: string;
  bytes: number;
  chars: number;
  pages: number;
}

/** Where an answer's document text came from. */
export interface MessageSource {
  documentId: string;
  name: string;
  /** The whole document went with the request (else the listed passages). */
  whole: boolean;
  /** Pages of the passages (PDF). */
  pages: number[];
  /** Passage numbers, for documents without pages. */
  parts: number[];
}

/**
 * An attached document (schema v4): what the Memory view lists. Its text and its index are in
 * `documentTexts` and `documentIndexes` under the same id, so listing stays light.
 */
export interface StoredDocument {
  id: string;
  conversationId: string;
  /** The user message it was attached to. */
  messageId: string;
  name: string;
  kind: 'text' | 'markdown' | 'csv' | 'pdf' | 'docx';
  /** Size of the original file, bytes (the file itself is not kept). */
  bytes: number;
  /** Characters of extracted text. */
  chars: number;
  /** Pages (PDF), else 0. */
  pages: number;
  chunkCount: number;
  /** About how much the text and the index take in the database, bytes. */
  storedBytes: number;
  createdAt: number;
  /** What the on-device analysis found when it was attached. */
  counts: Record<string, number>;
  categories: Array<{ category: string; terms: string[] }>;
  personalColumns: number;
  modelStage: 'ok' | 'skipped' | 'failed';
}

/** One passage of a document: a range of its text, its page, and a table header to repeat. */
export interface StoredChunk {
  start: number;
  end: number;
  page: number;
  prefix?: string;
}

export interface DocumentTextRow {
  id: string;
  conversationId: string;
  text: string;
  pageStarts: number[];
  chunks: StoredChunk[];
  /** Values to redact wherever they appear in what is sent (detected values, personal columns). */
  knownValues: Array<{ value: string; type: string }>;
}

export interface DocumentIndexRow {
  id: string;
  conversationId: string;
  /** MiniSearch's JSON form of the BM25 index over the chunks. */
  index: string;
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
