/**
 * Fuzz test of the backup import (issue 15): a real backup, mutated anywhere (a value replaced,
 * removed, duplicated, nested thousands deep, a `__proto__` key, the file cut short), is either
 * imported whole or refused with a clear invalid_backup error, and a refusal leaves the data on
 * the device exactly as it was. Bounded in runs and time.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb, sampleEntry } from './helpers';
import { exportBackup, importBackup } from '../backup';
import { addMessage, createConversation } from '../conversations';
import { addMemory } from '../memories';
import { appendAuditBatch } from '../audit';
import { saveVaultEntries } from '../vault';
import { setSetting } from '../settings';
import { DbError } from '../errors';
import type { HearthDb } from '../schema';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

let valid: Json;

beforeAll(async () => {
  freshDb();
  const c = await createConversation('Tax return');
  await addMessage({ conversationId: c.id, role: 'user', content: 'My IBAN is [IBAN_1]' });
  await addMessage({
    conversationId: c.id,
    role: 'assistant',
    content: 'Noted, DE89370400440532013000.',
    raw: 'Noted, [IBAN_1].',
    route: 'cloud',
  });
  await addMemory({
    text: 'Prefers metric units',
    sensitivity: 'public',
    neverLeavesDevice: false,
  });
  await saveVaultEntries(c.id, [
    { placeholder: '[IBAN_1]', type: 'IBAN', value: 'DE89370400440532013000' },
  ]);
  await setSetting('model', 'qwen2.5-1.5b');
  await appendAuditBatch([sampleEntry(1), sampleEntry(2), sampleEntry(3)]);
  valid = JSON.parse(await exportBackup()) as Json;
});

function pathsOf(v: Json, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) pathsOf(x, [...prefix, k], out);
  }
  return out;
}

type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'deep'; at: number; depth: number }
  | { kind: 'proto'; at: number; value: Json };

function mutate(root: Json, m: Mutation): Json {
  const copy = structuredClone(root);
  const paths = pathsOf(copy);
  const path = paths[m.at % paths.length] ?? [];
  if (path.length === 0) return m.kind === 'replace' ? m.value : copy;
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string, Json>)[key] as Json;
  const key = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, Json>;
  switch (m.kind) {
    case 'replace':
      container[key] = m.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else Reflect.deleteProperty(container, key);
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)] ?? null));
      else container[`${String(key)}_copy`] = structuredClone(container[key] ?? null);
      break;
    case 'deep': {
      let nested: Json = container[key] ?? null;
      for (let i = 0; i < m.depth; i++) nested = [nested];
      container[key] = nested;
      break;
    }
    case 'proto': {
      const target = container[key];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, '__proto__', {
          value: m.value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      break;
    }
  }
  return copy;
}

const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    value: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('proto' as const),
    at: fc.nat(),
    value: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>,
  }),
);

const FILE = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.array(MUTATION, { minLength: 1, maxLength: 3 }),
        // Deep nesting last: the walk over the tree that picks a path is recursive.
        fc.option(
          fc.record({
            kind: fc.constant('deep' as const),
            at: fc.nat(),
            depth: fc.integer({ min: 50, max: 3_000 }),
          }),
        ),
      )
      .map(([ms, deep]) => {
        const mutated = ms.reduce(mutate, valid);
        return JSON.stringify(deep ? mutate(mutated, deep) : mutated);
      }),
  },
  {
    weight: 1,
    arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((f) => {
      const t = JSON.stringify(valid);
      return t.slice(0, Math.floor(t.length * f));
    }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
);

async function snapshot(d: HearthDb): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const t of d.tables) {
    if (t.name === 'auditKeys') out[t.name] = await t.count();
    else out[t.name] = await t.toArray();
  }
  return out;
}

describe('fuzz: backup import', () => {
  it('imports a mutated backup whole or refuses it with invalid_backup, changing nothing', async () => {
    let imported = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(FILE, async (file) => {
        const target = freshDb();
        await createConversation('Existing');
        const before = await snapshot(target);
        let result: unknown;
        try {
          result = await importBackup(file);
        } catch (err) {
          refused++;
          expect(err).toBeInstanceOf(DbError);
          expect((err as DbError).code).toBe('invalid_backup');
          expect((err as DbError).message).toMatch(/Nothing was imported|not a Hearth backup/);
          expect(await snapshot(target)).toEqual(before);
          return;
        }
        imported++;
        const backup = JSON.parse(file) as {
          data: { conversations: unknown[]; messages: unknown[] };
        };
        expect(result).toMatchObject({
          conversations: backup.data.conversations.length,
          messages: backup.data.messages.length,
        });
        expect(await target.conversations.count()).toBe(backup.data.conversations.length);
      }),
      { numRuns: 80, interruptAfterTimeLimit: 20_000 },
    );
    // Both ways are exercised: some mutations leave a valid backup (a deleted optional field,
    // a duplicated message with a new id...), most do not.
    expect(refused).toBeGreaterThan(0);
    expect(imported + refused).toBeGreaterThan(10);
  }, 60_000);
});
