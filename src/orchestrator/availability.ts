/**
 * What is available right now: the local model, each cloud tier (proxy health plus each tier's
 * circuit breaker), and the network (navigator.onLine plus failing health checks).
 */
import type { ModelStatus } from '../core/local-model/api';
import type { CloudTier } from '../core/policy/schema';
import type { Health } from '../core/router';
import { rescanThresholdOf } from '../core/wire/health';
import type { CascadeGuard } from './cascade-guard';
import type { TierResilience } from './resilience';

export interface AvailabilityDeps {
  /** GET /api/health, parsed JSON. Rejects when the proxy is unreachable. */
  fetchHealth: () => Promise<unknown>;
  /** navigator.onLine in the page. */
  isOnline?: () => boolean;
  localStatus: () => Promise<ModelStatus>;
  resilience: TierResilience;
  cascade: CascadeGuard;
  /** How long a health answer is reused, ms (a failed check is retried sooner). Default 30 s. */
  ttlMs?: number;
  now?: () => number;
}

interface TierState {
  configured: boolean;
  reachable: boolean | null;
}

export class Availability {
  private proxyUp: boolean | undefined;
  private checkedAt = 0;
  /** The proxy's re-scan threshold from its last health answer. */
  private proxyThreshold: number | undefined;
  /**
   * Until the proxy has answered once (a start while offline), the frontier tier is assumed
   * configured so cloud-bound requests wait in the outbox; the flush re-decides with real health.
   */
  private tiers: Record<CloudTier, TierState> = {
    frontier: { configured: true, reachable: null },
    private: { configured: false, reachable: null },
  };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: AvailabilityDeps) {
    deps.resilience.onChange(() => this.notify());
  }

  /** Asks the proxy; a failure counts as "offline" for the cloud tiers until the next success. */
  async refresh(): Promise<void> {
    this.checkedAt = (this.deps.now ?? Date.now)();
    try {
      const body = (await this.deps.fetchHealth()) as {
        tiers?: Partial<Record<CloudTier, { configured?: boolean; reachable?: boolean | null }>>;
        cloud?: { configured?: boolean };
      };
      this.proxyUp = true;
      this.proxyThreshold = rescanThresholdOf(body);
      for (const t of ['frontier', 'private'] as const) {
        const s = body.tiers?.[t];
        this.tiers[t] = {
          configured: s?.configured ?? (t === 'frontier' ? body.cloud?.configured === true : false),
          reachable: s?.reachable ?? null,
        };
      }
    } catch {
      this.proxyUp = false;
    }
    this.notify();
  }

  /** Tell the tracker a cloud call worked or failed at the network level. */
  reportNetwork(ok: boolean): void {
    if (this.proxyUp !== ok) {
      this.proxyUp = ok;
      this.notify();
    }
  }

  async snapshot(): Promise<Health> {
    const ttl = this.deps.ttlMs ?? 30_000;
    const age = (this.deps.now ?? Date.now)() - this.checkedAt;
    // unknown, stale, or failed a while ago (the device may be back): ask again
    if (this.proxyUp === undefined || age > (this.proxyUp ? ttl : Math.min(ttl, 5_000))) {
      await this.refresh();
    }
    const status = await this.deps
      .localStatus()
      .catch((): ModelStatus => ({ state: 'unavailable', reason: 'status failed' }));
    const online = (this.deps.isOnline?.() ?? true) && this.proxyUp === true;
    const tier = (t: CloudTier) => ({
      configured: this.tiers[t].configured,
      available: this.tiers[t].reachable !== false && !this.deps.resilience.isOpen(t),
    });
    return {
      online,
      local: status.state === 'ready',
      frontier: tier('frontier'),
      private: tier('private'),
      cascadeSuppressed: this.deps.cascade.suppressed,
      ...(this.proxyThreshold !== undefined ? { proxyThreshold: this.proxyThreshold } : {}),
    };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    this.listeners.forEach((l) => l());
  }
}
