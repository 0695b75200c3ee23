import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from './helpers';
import { exportBackup, importBackup } from '../backup';
import { createConversation, getConversation } from '../conversations';
import {
  getConversationInstructions,
  getGlobalInstructions,
  instructionsFor,
  setConversationInstructions,
  setGlobalInstructions,
} from '../instructions';

beforeEach(() => {
  freshDb();
});

describe('custom instructions', () => {
  it('a request carries the global instruction, then its conversation’s; empty ones are removed', async () => {
    const a = await createConversation('Letters');
    const b = await createConversation('Other');
    await setGlobalInstructions('  Answer in British English.  ');
    await setConversationInstructions(a.id, 'Always sign as Dr. Jana Nováková.');
    expect(await instructionsFor(a.id)).toEqual([
      'Answer in British English.',
      'Always sign as Dr. Jana Nováková.',
    ]);
    expect(await instructionsFor(b.id)).toEqual(['Answer in British English.']);
    expect(await instructionsFor(undefined)).toEqual(['Answer in British English.']);

    await setGlobalInstructions('   ');
    await setConversationInstructions(a.id, '');
    expect(await getGlobalInstructions()).toBe('');
    expect(await getConversationInstructions(a.id)).toBe('');
    expect(await getConversation(a.id)).not.toHaveProperty('instructions');
    expect(await instructionsFor(a.id)).toEqual([]);
  });

  it('survive a backup and restore into a fresh profile', async () => {
    const c = await createConversation('Letters');
    await setGlobalInstructions('Be brief.');
    await setConversationInstructions(c.id, 'Sign as Jana.');
    const file = await exportBackup();
    freshDb();
    await importBackup(file);
    expect(await instructionsFor(c.id)).toEqual(['Be brief.', 'Sign as Jana.']);
  });
});
