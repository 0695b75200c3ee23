/** Inputs and output of decide(). Types only. */
import type { EntityType } from '../pii';
import type {
  CloudTier,
  Difficulty,
  PatternName,
  Route,
  Sensitivity,
  TaskType,
  Tier,
} from '../policy/schema';

export interface TierHealth {
  /** The proxy has this tier configured. */
  configured: boolean;
  /** Reachable and its circuit breaker is not open. */
  available: boolean;
}

/** What is available right now; built by the orchestrator's availability tracker. */
export interface Health {
  /** navigator.onLine and the proxy answering. */
  online: boolean;
  /** A local model is loaded and ready. */
  local: boolean;
  private: TierHealth;
  frontier: TierHealth;
  /** The cascade-rate guard tripped: too many recent requests escalated. */
  cascadeSuppressed?: boolean;
  /**
   * The proxy's re-scan threshold as its /api/health reports it (undefined until it has answered,
   * or from an older server: the detector's default is assumed). What leaves is scanned at the
   * lower of the policy's threshold and this, so the proxy never finds what the browser missed.
   */
  proxyThreshold?: number;
}

export const ALL_HEALTHY: Health = {
  online: true,
  local: true,
  private: { configured: true, available: true },
  frontier: { configured: true, available: true },
};

/** One span to replace with a placeholder before anything leaves the device. */
export interface RedactionTarget {
  start: number;
  end: number;
  type: EntityType;
}

export interface RedactionPlan {
  /** True when something leaves the device and there is something to replace. */
  required: boolean;
  targets: RedactionTarget[];
}

export interface Decision {
  /**
   * Where the answer comes from: 'local', a cloud tier, or 'blocked'/'queued'. For escalate-on-hard
   * this is 'local' (it may escalate to `tier`); for the other hybrid patterns it is the cloud tier.
   */
  route: Route;
  pattern: PatternName;
  /** The farthest tier that may see (redacted) text: 'local' when nothing leaves. */
  tier: Tier;
  /** For queued requests: the tier they wait for. */
  waitingFor?: CloudTier;
  sensitivity: Sensitivity;
  difficulty: Difficulty;
  taskType: TaskType;
  redaction: RedactionPlan;
  /** The id of the policy rule that matched, or null for the policy's default action. */
  ruleId: string | null;
  /** Human-readable, in order: what was found, which level, which rule, what availability changed. */
  reasons: string[];
  /**
   * Set on a blocked decision when the only obstacle is that no local model is loaded: nothing
   * leaves, and the request can be answered here once a model is loaded.
   */
  waitsForLocal?: true;
  /**
   * Set when availability, not the rules, moved the request (e.g. the cloud is down, so it is
   * answered on this device): the UI shows it next to the answer.
   */
  availabilityNote?: string;
}
