/** Ports backed by the Dexie database (src/db): what the app wires into the Orchestrator. */
import {
  appendAudit,
  enqueueOutbox,
  listOutbox,
  instructionsFor,
  loadVault,
  markOutboxAttempt,
  recordMetric,
  removeOutbox,
  saveVaultEntries,
} from '../db';
import { ENTITY_TYPES, valueKey, type EntityType, type VaultData } from '../core/pii';
import type { ChatMessage } from '../core/local-model/api';
import type { CloudTier, LatencyBudget } from '../core/policy/schema';
import type { OutboxEntry, Ports, RequestDocuments } from './ports';

/** What the outbox row's `request` field holds. */
interface OutboxRequest {
  text: string;
  waitingFor: CloudTier;
  history?: ChatMessage[];
  instructions?: string[];
  latency?: LatencyBudget;
  documents?: RequestDocuments;
}

/** The earlier turns of a stored request, keeping only well-formed messages. */
function historyOf(v: unknown): ChatMessage[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter(
    (m): m is ChatMessage =>
      typeof m === 'object' &&
      m !== null &&
      typeof (m as ChatMessage).content === 'string' &&
      ['system', 'user', 'assistant'].includes((m as ChatMessage).role),
  );
}

/** The documents part of a stored request, keeping only well-formed entries. */
function documentsOf(v: unknown): RequestDocuments | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const d = v as Partial<RequestDocuments>;
  const knownValues = (Array.isArray(d.knownValues) ? d.knownValues : []).filter(
    (k): k is { value: string; type: EntityType } =>
      typeof k?.value === 'string' && typeof k.type === 'string' && isEntityType(k.type),
  );
  const categories = (Array.isArray(d.categories) ? d.categories : []).filter(
    (c) => typeof c?.category === 'string' && Array.isArray(c.terms),
  );
  return { knownValues, categories };
}

function isEntityType(t: string): t is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(t);
}

export function dbPorts(): Ports {
  return {
    outbox: {
      async add(e) {
        const request: OutboxRequest = {
          text: e.text,
          waitingFor: e.waitingFor,
          ...(e.history?.length ? { history: e.history } : {}),
          ...(e.instructions?.length ? { instructions: e.instructions } : {}),
          ...(e.latency ? { latency: e.latency } : {}),
          ...(e.documents ? { documents: e.documents } : {}),
        };
        await enqueueOutbox({
          id: e.id,
          conversationId: e.conversationId,
          messageId: e.messageId,
          request,
        });
      },
      async list() {
        const rows = await listOutbox();
        const out: OutboxEntry[] = [];
        for (const r of rows) {
          const req = r.request as Partial<OutboxRequest> | undefined;
          if (typeof req?.text !== 'string') continue; // not ours (or damaged): leave it alone
          const documents = documentsOf(req.documents);
          const history = historyOf(req.history);
          const instructions = Array.isArray(req.instructions)
            ? req.instructions.filter((s): s is string => typeof s === 'string')
            : undefined;
          out.push({
            id: r.id,
            conversationId: r.conversationId,
            messageId: r.messageId,
            text: req.text,
            waitingFor: req.waitingFor === 'private' ? 'private' : 'frontier',
            createdAt: r.createdAt,
            attempts: r.attempts,
            ...(history?.length ? { history } : {}),
            ...(instructions?.length ? { instructions } : {}),
            ...(req.latency ? { latency: req.latency } : {}),
            ...(documents ? { documents } : {}),
            ...(r.lastError
              ? { lastError: { code: r.lastError.code, message: r.lastError.message } }
              : {}),
          });
        }
        return out;
      },
      remove: (id) => removeOutbox(id),
      markAttempt: (id, error) => markOutboxAttempt(id, error),
    },
    audit: {
      async append(entry) {
        await appendAudit(entry);
      },
    },
    vault: {
      async load(conversationId) {
        const rows = await loadVault(conversationId);
        if (!rows.length) return undefined;
        const data: VaultData = { version: 1, entries: [], counters: {} };
        for (const r of rows)
          if (isEntityType(r.type))
            data.entries.push({ placeholder: r.placeholder, type: r.type, value: r.value });
        return data;
      },
      async save(conversationId, data) {
        await saveVaultEntries(
          conversationId,
          data.entries.map((e) => ({
            placeholder: e.placeholder,
            type: e.type,
            value: e.value,
            normalized: valueKey(e.type, e.value),
          })),
        );
      },
    },
    instructions: { forConversation: instructionsFor },
    metrics: {
      async record(m) {
        await recordMetric({
          at: m.at,
          route: m.route,
          tier: m.tier,
          latencyMs: m.latencyMs,
          promptTokens: m.promptTokens,
          completionTokens: m.completionTokens,
          costUsd: m.costUsd,
          redactions: m.redactions,
          escalated: m.escalated,
        });
      },
    },
  };
}
