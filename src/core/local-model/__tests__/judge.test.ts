import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  JUDGE_SCHEMAS,
  judgeMessages,
  MAX_JUDGE_CHARS,
  parseJudgement,
  raiseSensitivity,
  withTimeout,
} from '../judge';

describe('judgements', () => {
  afterEach(() => vi.useRealTimers());

  it('parses valid structured output', () => {
    expect(
      parseJudgement(
        'sensitivity',
        '{"level":"regulated","categories":["medical"],"confidence":0.9}',
      ),
    ).toEqual({
      kind: 'sensitivity',
      level: 'regulated',
      categories: ['medical'],
      confidence: 0.9,
    });
    expect(parseJudgement('difficulty', '{"difficulty":"complex","confidence":1.4}')).toEqual({
      kind: 'difficulty',
      difficulty: 'complex',
      confidence: 1,
    });
    expect(parseJudgement('answer-confidence', '{"confidence":0.2}')).toEqual({
      kind: 'answer-confidence',
      confidence: 0.2,
    });
  });

  it('turns malformed output into unknown', () => {
    expect(parseJudgement('sensitivity', 'not json')).toMatchObject({ unknown: true });
    expect(
      parseJudgement('sensitivity', '{"level":"secret","categories":[],"confidence":0.5}'),
    ).toMatchObject({ unknown: true });
    expect(parseJudgement('difficulty', '{"difficulty":"simple"}')).toMatchObject({
      unknown: true,
    });
    expect(parseJudgement('answer-confidence', 'null')).toMatchObject({ unknown: true });
  });

  it('sensitivity can only raise the detector verdict', () => {
    const j = (level: 'public' | 'regulated') => ({
      kind: 'sensitivity' as const,
      level,
      categories: [],
      confidence: 0.9,
    });
    expect(raiseSensitivity('public', j('regulated'))).toBe('regulated');
    expect(raiseSensitivity('personal', j('public'))).toBe('personal');
    expect(raiseSensitivity('personal', { kind: 'sensitivity', unknown: true, reason: 'x' })).toBe(
      'personal',
    );
  });

  it('caps the prompt and ships schemas as JSON', () => {
    const msgs = judgeMessages('difficulty', 'x'.repeat(10_000));
    expect(msgs[1]?.content).toHaveLength(MAX_JUDGE_CHARS);
    expect(JSON.parse(JSON.stringify(JUDGE_SCHEMAS.sensitivity))).toHaveProperty('required');
  });

  it('times out with a fallback and calls the interrupt', async () => {
    vi.useFakeTimers();
    const onTimeout = vi.fn();
    const p = withTimeout(new Promise<string>(() => undefined), 100, () => 'fallback', onTimeout);
    await vi.advanceTimersByTimeAsync(100);
    await expect(p).resolves.toBe('fallback');
    expect(onTimeout).toHaveBeenCalledOnce();
  });
});
