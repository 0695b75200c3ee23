/**
 * Property tests run from one fixed seed in `npm test`, so a run is repeatable: a counterexample
 * that only a rare random draw finds must not turn an unrelated change red in CI (it did, once,
 * with an IBAN case). Exploring with fresh seeds is a separate, deliberate run: `npm run
 * test:fuzz` (FC_SEED=random; run it a few times). A failure prints its seed;
 * `FC_SEED=<seed> npx vitest run <file>` replays it.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED;

if (seed !== 'random') fc.configureGlobal({ seed: seed ? Number(seed) : 20261204 });
