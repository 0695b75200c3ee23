/**
 * Per-type cut-offs of the model's span score (mean probability of the span's type). Chosen by
 * training/calibrate.ts on validation data the reported figures never use (docs/benchmarks.md:
 * the leak rate is the main cost, the share of non-personal words kept the constraint).
 */
export interface Cutoffs {
  PERSON: number;
  LOCATION: number;
  ORGANIZATION: number;
  /** A single lower-case word needs at least this score. */
  lowercase: number;
  /** A name-like common word ("Will", "Hope") opening a sentence needs at least this score. */
  ambiguous: number;
  /** A following capitalised word joins a PERSON span at this PERSON probability. */
  continuation: number;
}

export const CUTOFFS: Cutoffs = {
  PERSON: 0.5,
  LOCATION: 0.5,
  ORGANIZATION: 0.5,
  lowercase: 0.9,
  ambiguous: 0.95,
  continuation: 0.3,
};
