import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { recordMetric, switchDatabase } from '../../../db';
import { watchFirstRequest } from '../installMoment';

const sample = (at: number) => ({
  at,
  route: 'local',
  tier: 'local',
  latencyMs: 10,
  promptTokens: 1,
  completionTokens: 1,
  costUsd: 0,
  redactions: {},
  escalated: false,
});

describe('install moment', () => {
  it('fires once, when the first request of this page completes', async () => {
    switchDatabase(`install-moment-${Math.random().toString(36).slice(2)}`);
    const since = Date.now();
    await recordMetric(sample(since - 60_000)); // an earlier session's request does not count
    const onMoment = vi.fn();
    const stop = watchFirstRequest(since, onMoment);
    await new Promise((r) => setTimeout(r, 50));
    expect(onMoment).not.toHaveBeenCalled();
    await recordMetric(sample(since + 1));
    // the live query answers after IndexedDB commits: slow on a busy machine, so a loose bound
    await vi.waitFor(() => expect(onMoment).toHaveBeenCalledTimes(1), { timeout: 20_000 });
    await recordMetric(sample(since + 2));
    await new Promise((r) => setTimeout(r, 50));
    expect(onMoment).toHaveBeenCalledTimes(1);
    stop();
  });
});
