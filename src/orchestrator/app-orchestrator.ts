/**
 * The page's Orchestrator: the real local model (worker), the proxy on this origin, the Dexie
 * ports and the browser's connectivity. One per page; the chat UI calls getAppOrchestrator().
 */
import { getSetting } from '../db';
import type { NerRunner } from '../core/pii';
import { validatePolicy } from '../core/policy';
import { createCloudClient } from './cloud-client';
import { getProxyToken, loadProxyToken } from './proxy-token';
import { dbPorts } from './db-ports';
import { getLocalModel } from './local-model-client';
import { workerNer } from './analysis-client';
import { Orchestrator, type SendCallbacks, type SendResult } from './orchestrator';
import type { OutboxEntry } from './ports';

let instance: Orchestrator | undefined;

async function fetchHealth(): Promise<unknown> {
  const res = await fetch('/api/health', { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`health ${res.status}`);
  return res.json();
}

/** The shared orchestrator. The policy stored under settings key "policy" is applied when read. */
export function getAppOrchestrator(options: { ner?: NerRunner } = {}): Orchestrator {
  if (instance) return instance;
  const client = createCloudClient({ token: getProxyToken });
  const orch = new Orchestrator({
    ports: dbPorts(),
    // The stored access token is loaded before the first cloud request goes out.
    cloud: {
      complete: async (req, onToken, signal) => {
        await loadProxyToken();
        return client.complete(req, onToken, signal);
      },
    },
    local: getLocalModel(),
    fetchHealth,
    isOnline: () => navigator.onLine,
    // Names, places and organisations come from the embedded NER model in the analysis worker.
    ner: options.ner ?? workerNer,
  });
  void loadProxyToken();
  void getSetting('policy')
    .then((stored) => {
      if (stored === undefined) return;
      const r = validatePolicy(stored);
      if (r.ok) orch.setPolicy(r.policy);
    })
    .catch(() => undefined);
  instance = orch;
  return orch;
}

/**
 * Flushes the outbox whenever the browser comes back online (and once now), after a fresh health
 * check; results are reported so the chat can fill in the waiting messages. Returns a stop function.
 */
export function watchOutbox(
  orch: Orchestrator,
  onResult: (entry: OutboxEntry, result: SendResult) => void,
  callbacksFor: (entry: OutboxEntry) => SendCallbacks = () => ({}),
  intervalMs = 30_000,
): () => void {
  let running = false;
  const flush = async () => {
    if (running || !navigator.onLine) return;
    running = true;
    try {
      if ((await orch.outboxSize()) > 0) await orch.flushOutbox(callbacksFor, onResult);
    } catch {
      // storage or network trouble: the next event or tick tries again
    } finally {
      running = false;
    }
  };
  const onOnline = () => void flush();
  window.addEventListener('online', onOnline);
  const timer = setInterval(onOnline, intervalMs);
  void flush();
  return () => {
    window.removeEventListener('online', onOnline);
    clearInterval(timer);
  };
}
