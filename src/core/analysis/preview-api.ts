/**
 * The analysis worker's API: the composer's live preview and the detector's model stage run off
 * the main thread. Types only; shared by page and worker.
 */
import type { Judgement } from '../local-model/api';
import type { ModelFact } from '../local-model/pii-opinion';
import type { Entity } from '../pii';
import type { RequestContext } from '../router/request';
import type { Decision } from '../router/types';

/** What the local model's second opinion added, located in the text (see pii-opinion.ts). */
export interface PreviewOpinion {
  spans: Entity[];
  facts: ModelFact[];
  /**
   * The local model's sensitivity judgement of the request (the transcript), when the policy asks
   * for one and a model is loaded: a send decides with it, so the preview does too.
   */
  judgement?: Judgement;
}

export interface PreviewResult {
  /**
   * Entities above the policy's threshold in the message being written (offsets into it), pattern
   * stage plus names when the model is loaded, plus what the local model's second opinion added
   * (`source: 'local-model'`) when given.
   */
  entities: Pick<Entity, 'start' | 'end' | 'type' | 'score' | 'source'>[];
  /** Facts about a person the local model found (they raise the level, see decide()). */
  facts: ModelFact[];
  /** Everything the request carries: the message and the earlier turns sent with it. */
  counts: Partial<Record<Entity['type'], number>>;
  /** How many of `counts` are in the earlier turns. */
  earlier: number;
  decision: Pick<Decision, 'route' | 'pattern' | 'tier' | 'sensitivity' | 'reasons'> & {
    /** Values would be replaced by placeholders before leaving the device. */
    redacts: boolean;
    /** Something would leave the device (now, or later from the outbox). */
    leaves: boolean;
  };
  /** Exactly what would leave this device (redacted and re-scanned), or null when nothing would. */
  outgoing: string | null;
  /**
   * Whether the names/places model took part in this preview: 'pending' when it was still loading
   * and the preview holds the pattern stage only (asked with `names: 'if-loaded'`); the verdict
   * may then change once names are checked, and a send still waits for the model.
   */
  modelStage: 'ok' | 'skipped' | 'failed' | 'pending';
  /** Time the worker spent on this preview, ms. */
  ms: number;
}

export interface PreviewOptions {
  /**
   * 'wait' (default): the names model runs, loading first if it must. 'if-loaded': while the model
   * is still loading, answer at once with the pattern stage (`modelStage: 'pending'`), so the
   * first preview of a visit does not wait for the model's download.
   */
  names?: 'wait' | 'if-loaded';
}

export interface AnalysisWorkerApi {
  /**
   * Detection + analysis + decision for the composer's message with the conversation before it,
   * the policy, health and known values: the same context and function (evaluateRequest) as the
   * chat's send and the Policy view's "Try it". With `opinion` (offsets into the message), the
   * local model's spans are added (add-only) before deciding, as in a send.
   */
  preview(
    context: RequestContext,
    opinion?: PreviewOpinion,
    options?: PreviewOptions,
  ): Promise<PreviewResult>;
  /**
   * Loads the names model now (the page asks when it is idle after its first paint); resolves
   * once it can run, rejects with `{code: 'ner_unavailable'}` when it cannot.
   */
  warmNer(): Promise<void>;
  /** The embedded NER model's entities (PERSON, LOCATION, ORGANIZATION); rejects when it cannot run. */
  ner(text: string): Promise<Entity[]>;
}
