/**
 * Memories: facts the user saved or confirmed. The orchestrator may use them as context, under
 * the policy; `neverLeavesDevice` memories are for the local model only.
 */
import { db } from './schema';
import { guardWrite } from './errors';
import type { Memory, Sensitivity } from './types';

export const SENSITIVITIES: readonly Sensitivity[] = [
  'public',
  'internal',
  'personal',
  'regulated',
];

export type NewMemory = Pick<Memory, 'text' | 'sensitivity' | 'neverLeavesDevice'>;

export async function addMemory(input: NewMemory): Promise<Memory> {
  const now = Date.now();
  const mem: Memory = { ...input, id: crypto.randomUUID(), createdAt: now, updatedAt: now };
  await guardWrite(() => db().memories.add(mem));
  return mem;
}

export function getMemory(id: string): Promise<Memory | undefined> {
  return db().memories.get(id);
}

/** Most recently edited first. */
export function listMemories(): Promise<Memory[]> {
  return db().memories.orderBy('updatedAt').reverse().toArray();
}

export async function updateMemory(id: string, patch: Partial<NewMemory>): Promise<void> {
  await guardWrite(() => db().memories.update(id, { ...patch, updatedAt: Date.now() }));
}

export async function deleteMemory(id: string): Promise<void> {
  await guardWrite(() => db().memories.delete(id));
}
