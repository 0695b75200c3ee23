/**
 * The analysis worker's API: the composer's live preview and the detector's model stage run off
 * the main thread. Types only; shared by page and worker.
 */
import type { Entity } from '../pii';
import type { Policy } from '../policy/schema';
import type { Decision, Health } from '../router/types';

export interface PreviewResult {
  /** Entities above the policy's threshold, pattern stage plus names when the model is loaded. */
  entities: Pick<Entity, 'start' | 'end' | 'type' | 'score'>[];
  counts: Partial<Record<Entity['type'], number>>;
  decision: Pick<Decision, 'route' | 'pattern' | 'tier' | 'sensitivity' | 'reasons'> & {
    /** Values would be replaced by placeholders before leaving the device. */
    redacts: boolean;
  };
  /** Whether the names/places model took part in this preview. */
  modelStage: 'ok' | 'skipped' | 'failed';
  /** Time the worker spent on this preview, ms. */
  ms: number;
}

export interface AnalysisWorkerApi {
  /** Detection + analysis + decision for the composer's text under the given policy and health. */
  preview(text: string, policy: Policy, health: Health): Promise<PreviewResult>;
  /** The embedded NER model's entities (PERSON, LOCATION, ORGANIZATION); rejects when it cannot run. */
  ner(text: string): Promise<Entity[]>;
}
