import { describe, expect, it, vi } from 'vitest';
import type { Entity } from '../../src/core/pii/types';
import { createNerService } from '../ner-service';

const entity: Entity = { start: 0, end: 3, type: 'PERSON', score: 0.9, source: 'ner', text: 'Ann' };

describe('NER service', () => {
  it('loads the model once, on first use', async () => {
    const load = vi.fn(async () => ({ run: async () => [entity] }));
    const detect = createNerService(load);
    expect(load).not.toHaveBeenCalled();
    expect(await detect('Ann')).toEqual([entity]);
    expect(await detect('Ann')).toEqual([entity]);
    expect(load).toHaveBeenCalledOnce();
  });

  it('reports a failed load as ner_unavailable and retries next time', async () => {
    const load = vi
      .fn<() => Promise<{ run: (t: string) => Promise<Entity[]> }>>()
      .mockRejectedValueOnce(new Error('NER model fetch failed: 404'))
      .mockResolvedValue({ run: async () => [] });
    const detect = createNerService(load);
    await expect(detect('x')).rejects.toMatchObject({ code: 'ner_unavailable', message: /404/ });
    expect(await detect('x')).toEqual([]);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads on warm() and says when it is ready', async () => {
    const load = vi.fn(async () => ({ run: async () => [entity] }));
    const ner = createNerService(load);
    expect(ner.state()).toBe('idle');
    const warming = ner.warm();
    expect(ner.state()).toBe('loading');
    await warming;
    expect(ner.state()).toBe('ready');
    expect(await ner('Ann')).toEqual([entity]);
    expect(load).toHaveBeenCalledOnce();
  });
});
