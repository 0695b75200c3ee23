import 'fake-indexeddb/auto';
import { switchDatabase, type HearthDb } from '../schema';
import type { AuditEntryInput } from '../../core/audit';

let n = 0;
/** A fresh, empty database for each test. */
export function freshDb(): HearthDb {
  n += 1;
  return switchDatabase(`hearth-test-${process.pid}-${n}-${Math.random().toString(36).slice(2)}`);
}

export function sampleEntry(i: number, over: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    requestId: `req-${i}`,
    route: i % 3 === 0 ? 'cloud-redacted' : 'local',
    pattern: i % 3 === 0 ? 'sanitize-and-solve' : 'local',
    tiersThatSawData: i % 3 === 0 ? ['local', 'cloud'] : ['local'],
    entityCounts: i % 2 === 0 ? { PERSON: 1, EMAIL: 2 } : {},
    outgoingText: i % 3 === 0 ? `Hello [PERSON_1], request ${i}` : undefined,
    latencyMs: 100 + i,
    tokens: { prompt: 10, completion: 20 },
    costUsd: 0.0001 * i,
    kind: 'decision',
    ...over,
  };
}

/** The value, or a test failure saying it was missing (instead of a non-null assertion). */
export function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}

export function nth<T>(items: readonly T[], i: number): T {
  return must(items[i]);
}
