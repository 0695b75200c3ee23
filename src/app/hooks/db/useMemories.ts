import { useLiveQuery } from 'dexie-react-hooks';
import { listMemories, type Memory } from '../../../db';

/** All memories, newest edit first; updates when any tab writes. `undefined` while loading. */
export function useMemories(): Memory[] | undefined {
  return useLiveQuery(() => listMemories(), []);
}
