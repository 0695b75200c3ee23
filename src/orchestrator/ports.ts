/**
 * What the orchestrator needs from storage, as small interfaces: the patterns and the outbox work
 * against these, tests use the in-memory versions (memory-ports.ts), the app uses db-ports.ts.
 */
import type { AuditEntryInput } from '../core/audit/types';
import type { VaultData } from '../core/pii';
import type { CategoryHit } from '../core/analysis';
import type { DenyListEntry } from '../core/pii';
import type { ChatMessage } from '../core/local-model/api';
import type { CloudTier, LatencyBudget } from '../core/policy/schema';

/**
 * What attached documents contribute to a request beyond their text. Sources only add: these
 * values are redacted wherever they appear, and these categories raise the level like the
 * text's own.
 */
export interface RequestDocuments {
  /** Values found in the documents (detected, or cells of a mostly personal column) that occur in the text. */
  knownValues: DenyListEntry[];
  /** Regulated or internal content found anywhere in the documents, not only in what is sent. */
  categories: CategoryHit[];
}

/** A request waiting for the cloud. The text stays on this device until it is re-scanned and sent. */
export interface OutboxEntry {
  id: string;
  conversationId: string;
  messageId: string;
  text: string;
  waitingFor: CloudTier;
  /**
   * The conversation before the message and the custom instructions, sent with it as messages.
   * Entries written before these existed hold the whole transcript in `text`.
   */
  history?: ChatMessage[];
  instructions?: string[];
  latency?: LatencyBudget;
  createdAt: number;
  attempts: number;
  lastError?: { code: string; message: string };
  /** Attached documents' values and categories, applied again when the request is re-analysed. */
  documents?: RequestDocuments;
}

export interface OutboxStore {
  add(entry: OutboxEntry): Promise<void>;
  /** Oldest first. */
  list(): Promise<OutboxEntry[]>;
  remove(id: string): Promise<void>;
  markAttempt(id: string, error: { code: string; message: string }): Promise<void>;
}

export interface AuditSink {
  append(entry: AuditEntryInput): Promise<void>;
}

/** Per-conversation placeholder vault, so the same value keeps its placeholder across turns. */
export interface VaultStore {
  load(conversationId: string): Promise<VaultData | undefined>;
  save(conversationId: string, data: VaultData): Promise<void>;
}

/** One answered (or refused) request, for the dashboard. */
export interface RequestMetric {
  at: number;
  /** The decision's route: local, private, frontier, blocked or queued. */
  route: string;
  /** The tier that produced the answer. */
  tier: string;
  pattern: string;
  status: string;
  latencyMs: number;
  /** Placeholders per entity type in what left the device. */
  redactions: Record<string, number>;
  escalated: boolean;
  /** Estimated tokens of the request and the answer (about 4 characters a token). */
  promptTokens: number;
  completionTokens: number;
  /** Estimated spend on cloud tiers for this request, USD, at the policy's prices. */
  costUsd: number;
}

export interface MetricsSink {
  record(metric: RequestMetric): Promise<void>;
}

/** The user's custom instructions: the global one, then the conversation's (empty ones left out). */
export interface InstructionStore {
  forConversation(conversationId: string | undefined): Promise<string[]>;
}

export interface Ports {
  outbox: OutboxStore;
  audit: AuditSink;
  vault: VaultStore;
  metrics: MetricsSink;
  /** Absent: no custom instructions (tests, the CLI). */
  instructions?: InstructionStore;
}
