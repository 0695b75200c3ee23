/** Tamper-evident audit chain: canonical form, hashing, signing and verification (pure). */
export * from './types';
export * from './canonical';
export * from './signing';
export * from './sha256';
export * from './chain';
export * from './jsonl';
