import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/core/pii';
import { DEFAULT_POLICY, PRIVATE } from '../../src/core/policy';
import type { ChatMessage } from '../../src/core/local-model/api';
import { healthFromFlags, type RequestContext } from '../../src/core/router';
import { createAnalysisService } from '../analysis-service';
import { createNerService } from '../ner-service';

const TEXT = 'Ask Lena Fischer (lena@example.de) to send the slides.';

const nerFinds =
  (name: string) =>
  async (text: string): Promise<Entity[]> => {
    const start = text.indexOf(name);
    return start < 0
      ? []
      : [
          {
            start,
            end: start + name.length,
            type: 'PERSON',
            score: 0.9,
            source: 'ner',
            text: name,
          },
        ];
  };

const ctx = (text: string, history: ChatMessage[] = []): RequestContext => ({
  request: { text, history },
  policy: DEFAULT_POLICY,
  health: healthFromFlags(),
  known: [],
});

describe('analysis service (the live preview)', () => {
  it('evaluates a follow-up with the history it is sent with: counted, redacted, shown', async () => {
    const service = createAnalysisService(nerFinds('Lena Fischer'));
    const history: ChatMessage[] = [
      { role: 'user', content: 'Mail lena@example.de about the slides.' },
      { role: 'assistant', content: 'Done.' },
    ];
    const r = await service.preview(ctx('And thank her for the coffee.', history));
    expect(r.counts).toEqual({ EMAIL: 1 });
    expect(r.earlier).toBe(1);
    expect(r.entities).toEqual([]);
    expect(r.decision.redacts).toBe(true);
    expect(r.outgoing).toContain('[EMAIL_1]');
    expect(r.outgoing).not.toContain('lena@example.de');
    expect(r.outgoing).toMatch(/User: And thank her for the coffee\.$/);
  });

  it('treats the values the conversation already replaced as personal', async () => {
    const service = createAnalysisService(async () => []);
    const r = await service.preview({
      ...ctx('Is Zorblat coming?'),
      known: [{ value: 'Zorblat', type: 'PERSON' }],
    });
    expect(r.counts).toEqual({ PERSON: 1 });
    expect(r.outgoing).toBe('Is [PERSON_1] coming?');
  });

  it('counts what the patterns and the model found and says where the text would go', async () => {
    const service = createAnalysisService(nerFinds('Lena Fischer'));
    const r = await service.preview(ctx(TEXT));
    expect(r.modelStage).toBe('ok');
    expect(r.counts).toEqual({ PERSON: 1, EMAIL: 1 });
    expect(r.decision).toMatchObject({ route: 'frontier', tier: 'frontier', redacts: true });
    expect(r.entities.map((e) => TEXT.slice(e.start, e.end))).toEqual([
      'Lena Fischer',
      'lena@example.de',
    ]);
  });

  it('answers with the pattern stage while the names model loads, then with the model', async () => {
    let finishLoad: () => void = () => undefined;
    const loaded = new Promise<void>((resolve) => (finishLoad = resolve));
    const ner = createNerService(async () => {
      await loaded;
      return { run: nerFinds('Lena Fischer') };
    });
    const service = createAnalysisService(ner);
    const early = await service.preview(ctx(TEXT), undefined, { names: 'if-loaded' });
    expect(early.modelStage).toBe('pending');
    expect(early.counts).toEqual({ EMAIL: 1 });
    expect(early.decision).toMatchObject({ leaves: true, redacts: true });
    expect(ner.state()).toBe('loading');
    // a send (names: 'wait', the default) waits for the model instead
    const full = service.preview(ctx(TEXT));
    finishLoad();
    expect((await full).modelStage).toBe('ok');
    await service.warmNer();
    const later = await service.preview(ctx(TEXT), undefined, { names: 'if-loaded' });
    expect(later.modelStage).toBe('ok');
    expect(later.counts).toEqual({ PERSON: 1, EMAIL: 1 });
  });

  it('reports a failed names model as failed, not as still loading', async () => {
    const ner = createNerService(async () => {
      throw new Error('NER model fetch failed: 404');
    });
    const service = createAnalysisService(ner);
    await expect(service.warmNer()).rejects.toMatchObject({ code: 'ner_unavailable' });
    const r = await service.preview(ctx(TEXT), undefined, { names: 'if-loaded' });
    expect(r.modelStage).toBe('failed');
    expect(r.decision.tier).toBe('local');
  });

  it('fails closed when the model cannot run: the text would stay on this device', async () => {
    const service = createAnalysisService(async () => {
      throw { code: 'ner_unavailable', message: 'no model' };
    });
    const r = await service.preview(ctx(TEXT));
    expect(r.modelStage).toBe('failed');
    expect(r.decision.sensitivity).toBe('regulated');
    expect(r.decision.tier).toBe('local');
  });

  it('follows the policy it is given', async () => {
    const service = createAnalysisService(nerFinds('Lena Fischer'));
    const r = await service.preview({ ...ctx(TEXT), policy: PRIVATE });
    expect(r.decision.tier).toBe('local');
  });

  it("adds the local model's spans add-only and decides again, as a send would", async () => {
    const service = createAnalysisService(nerFinds('Lena Fischer'));
    const text = 'Ask Lena Fischer (lena@example.de) to send the slides to Kiki.';
    const kiki = text.indexOf('Kiki');
    const spans: Entity[] = [
      {
        start: kiki,
        end: kiki + 4,
        type: 'PERSON',
        score: 0.8,
        source: 'local-model',
        text: 'Kiki',
      },
      // overlaps the detected email: cannot take it over
      { start: 18, end: 22, type: 'PERSON', score: 0.8, source: 'local-model', text: 'lena' },
    ];
    const r = await service.preview(ctx(text), {
      spans,
      facts: [],
    });
    expect(r.entities.map((e) => [text.slice(e.start, e.end), e.type, e.source])).toEqual([
      ['Lena Fischer', 'PERSON', 'ner'],
      ['lena@example.de', 'EMAIL', 'pattern'],
      ['Kiki', 'PERSON', 'local-model'],
    ]);
    expect(r.counts).toEqual({ PERSON: 2, EMAIL: 1 });
    expect(r.decision).toMatchObject({ leaves: true, redacts: true });

    const slides = text.indexOf('send the slides');
    const withFact = await service.preview(ctx(text), {
      spans: [],
      facts: [{ start: slides, end: slides + 15, category: 'hr', text: 'send the slides' }],
    });
    expect(withFact.decision).toMatchObject({ sensitivity: 'regulated', leaves: false });
    expect(withFact.facts).toHaveLength(1);
  });
});
