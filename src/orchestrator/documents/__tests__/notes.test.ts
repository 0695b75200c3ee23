import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../core/policy';
import { documentsBlockedNote, regulatedDocuments } from '../notes';
import type { SendResult } from '../../orchestrator';

const blocked = { status: 'blocked', decision: {} } as unknown as SendResult;
const health = [
  { name: 'referral.txt', categories: [{ category: 'health' as const, terms: ['diagnosed'] }] },
];

describe('notes about documents', () => {
  it('tells plainly why a request with a regulated document was not answered', () => {
    expect(documentsBlockedNote(blocked, health, DEFAULT_POLICY)).toBe(
      '"referral.txt" contains health details, so this conversation may not leave this device, and no local model is loaded here to answer it. Load a model on the Models page and send again, or ask without the document in a new conversation.',
    );
    expect(
      documentsBlockedNote({ ...blocked, status: 'complete' }, health, DEFAULT_POLICY),
    ).toBeUndefined();
  });

  it('counts a category as regulated only when the policy says so', () => {
    const internal = [
      {
        name: 'memo.txt',
        categories: [{ category: 'internal' as const, terms: ['confidential'] }],
      },
    ];
    expect(regulatedDocuments(internal, DEFAULT_POLICY)).toEqual([]);
    expect(documentsBlockedNote(blocked, internal, DEFAULT_POLICY)).toBeUndefined();
    const relaxed = {
      ...DEFAULT_POLICY,
      sensitivity: { ...DEFAULT_POLICY.sensitivity, categories: { health: 'personal' as const } },
    };
    expect(regulatedDocuments(health, relaxed)).toEqual([]);
  });
});
