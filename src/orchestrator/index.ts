/** The request pipeline's public API for the UI. */
export {
  Orchestrator,
  type Badge,
  type SendCallbacks,
  type SendInput,
  type SendResult,
  type OrchestratorDeps,
} from './orchestrator';
export { getAppOrchestrator, watchOutbox } from './app-orchestrator';
export type { Step, StepKind } from './steps';
export type { OutboxEntry, Ports, RequestMetric } from './ports';
export { memoryPorts } from './memory-ports';
export { createCloudClient, type CloudClient } from './cloud-client';
export type { PipelineError } from './errors';
export { getProxyToken, hasProxyToken, loadProxyToken, setProxyToken } from './proxy-token';
