/** In-memory Ports: for tests, the CLI and as a fallback when IndexedDB is unavailable. */
import type { AuditEntryInput } from '../core/audit/types';
import type { VaultData } from '../core/pii';
import type {
  AuditSink,
  InstructionStore,
  MetricsSink,
  OutboxEntry,
  OutboxStore,
  Ports,
  RequestMetric,
  VaultStore,
} from './ports';

export class MemoryOutbox implements OutboxStore {
  readonly items = new Map<string, OutboxEntry>();
  async add(entry: OutboxEntry): Promise<void> {
    this.items.set(entry.id, structuredClone(entry));
  }
  async list(): Promise<OutboxEntry[]> {
    return [...this.items.values()]
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((e) => structuredClone(e));
  }
  async remove(id: string): Promise<void> {
    this.items.delete(id);
  }
  async markAttempt(id: string, error: { code: string; message: string }): Promise<void> {
    const e = this.items.get(id);
    if (e) {
      e.attempts += 1;
      e.lastError = error;
    }
  }
}

export class MemoryAudit implements AuditSink {
  readonly entries: AuditEntryInput[] = [];
  async append(entry: AuditEntryInput): Promise<void> {
    this.entries.push(structuredClone(entry));
  }
}

export class MemoryVaults implements VaultStore {
  readonly vaults = new Map<string, VaultData>();
  async load(conversationId: string): Promise<VaultData | undefined> {
    const v = this.vaults.get(conversationId);
    return v ? structuredClone(v) : undefined;
  }
  async save(conversationId: string, data: VaultData): Promise<void> {
    this.vaults.set(conversationId, structuredClone(data));
  }
}

export class MemoryMetrics implements MetricsSink {
  readonly samples: RequestMetric[] = [];
  async record(metric: RequestMetric): Promise<void> {
    this.samples.push({ ...metric });
  }
}

/** Custom instructions: the global one and one per conversation. */
export class MemoryInstructions implements InstructionStore {
  global = '';
  readonly perConversation = new Map<string, string>();
  async forConversation(conversationId: string | undefined): Promise<string[]> {
    const own = conversationId ? (this.perConversation.get(conversationId) ?? '') : '';
    return [this.global, own].filter((s) => s.trim().length > 0);
  }
}

export function memoryPorts(): Ports & {
  outbox: MemoryOutbox;
  audit: MemoryAudit;
  vault: MemoryVaults;
  metrics: MemoryMetrics;
  instructions: MemoryInstructions;
} {
  return {
    outbox: new MemoryOutbox(),
    audit: new MemoryAudit(),
    vault: new MemoryVaults(),
    metrics: new MemoryMetrics(),
    instructions: new MemoryInstructions(),
  };
}
