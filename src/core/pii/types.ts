export type EntityType =
  | 'PERSON'
  | 'EMAIL'
  | 'PHONE'
  | 'CREDIT_CARD'
  | 'NATIONAL_ID'
  | 'IBAN'
  | 'IP_ADDRESS'
  | 'LOCATION'
  | 'ADDRESS'
  | 'DATE'
  | 'DATE_OF_BIRTH'
  | 'ORGANIZATION'
  | 'URL'
  | 'SECRET'
  /** A personal handle: "@kai_rivers", "u/dmsl". */
  | 'USERNAME'
  /** A labelled personal identifier that is not a national id: account, customer, policy, patient, employee number. */
  | 'ID_NUMBER';

export const ENTITY_TYPES: readonly EntityType[] = [
  'PERSON',
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'NATIONAL_ID',
  'IBAN',
  'IP_ADDRESS',
  'LOCATION',
  'ADDRESS',
  'DATE',
  'DATE_OF_BIRTH',
  'ORGANIZATION',
  'URL',
  'SECRET',
  'USERNAME',
  'ID_NUMBER',
];

export type EntitySource = 'pattern' | 'ner' | 'deny-list' | 'rule' | (string & {});

/** A detected entity. `start`/`end` are UTF-16 offsets into the ORIGINAL text (end exclusive). */
export interface Entity {
  start: number;
  end: number;
  type: EntityType;
  score: number;
  source: EntitySource;
  text: string;
  /** Which recognizer produced it (e.g. 'us-ssn', 'iban'); informational. */
  recognizer?: string;
}

/** A model-based recognizer. Returns entities with offsets into the text it was given. */
export type NerRunnerFn = (text: string) => Promise<Entity[]>;
export type NerRunner = NerRunnerFn | { run: NerRunnerFn };

export interface DenyListEntry {
  value: string;
  type?: EntityType;
}

export interface DetectOptions {
  /** Minimum score for an entity to be reported. Default DEFAULT_THRESHOLD. */
  threshold?: number;
  /** Exact values (case-insensitive) that are never reported. */
  allowList?: readonly string[];
  /** Values that are always reported (case-insensitive, whole-word); string entries get type PERSON unless typed. */
  denyList?: readonly (string | DenyListEntry)[];
  /** The model stage. When absent, PERSON/LOCATION/ORGANIZATION come only from rules. */
  ner?: NerRunner;
  /** Restrict the output to these types. */
  entityTypes?: readonly EntityType[];
}

export interface StructuredError {
  code: string;
  message: string;
}

export interface DetectResult {
  entities: Entity[];
  /**
   * 'ok': the model ran; 'skipped': no model was given; 'failed': the model threw.
   * On 'failed' the entities are the pattern/rule results only and callers MUST fail closed
   * (treat the text as sensitive: do not send it anywhere).
   */
  modelStage: 'ok' | 'skipped' | 'failed';
  error?: StructuredError;
}

/** Scores at or above this are reported by default (and block a redacted text in assertClean). */
export const DEFAULT_THRESHOLD = 0.5;
