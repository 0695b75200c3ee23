/**
 * One decision everywhere: the composer's preview (and the Policy view's "Try it", which runs the
 * same preview) evaluates exactly what the chat's send evaluates: the same function on the same
 * context (message, history, policy, health, known values), so it shows the decision the chat then
 * makes and the very text that then reaches the cloud.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalysisService } from '../../../workers/analysis-service';
import type { ChatMessage } from '../../core/local-model/api';
import type { Entity } from '../../core/pii';
import { sentText, transcriptOf } from '../../core/router';
import { FakeLocal, makeOrchestrator } from './fakes';
import { startStubUpstream, type StubUpstream } from './stub';

let stub: StubUpstream;
beforeAll(async () => {
  stub = await startStubUpstream();
});
afterAll(() => stub.close());

/** A stand-in for the NER model that finds one name, used by the chat and the preview alike. */
const ner = async (text: string): Promise<Entity[]> => {
  const out: Entity[] = [];
  for (let at = text.indexOf('Lena Fischer'); at !== -1; at = text.indexOf('Lena Fischer', at + 1))
    out.push({
      start: at,
      end: at + 12,
      type: 'PERSON',
      score: 0.9,
      source: 'ner',
      text: 'Lena Fischer',
    });
  return out;
};

const receivedMessages = (): ChatMessage[] =>
  (stub.chatRequests().at(-1)?.json as { messages: ChatMessage[] } | undefined)?.messages ?? [];

describe('the preview and the chat agree', () => {
  it.each([
    ['a first message', 'Ask Lena Fischer (lena@example.de) to send the slides.', []],
    [
      'a follow-up whose history carries an address',
      'Thank her for the coffee, too.',
      [
        { role: 'user', content: 'Ask Lena Fischer (lena@example.de) to send the slides.' },
        { role: 'assistant', content: 'Sure.' },
      ],
    ],
    ['a public question', 'What is the capital of Australia?', []],
  ] as Array<[string, string, ChatMessage[]]>)('%s', async (_name, text, history) => {
    stub.setBehaviour({ kind: 'normal', echo: true });
    stub.clear();
    const { orch } = makeOrchestrator({ baseUrl: stub.url, ner });
    const service = createAnalysisService(ner);
    const context = await orch.requestContext('conv', { text, history });
    const preview = await service.preview(context);
    const sent = await orch.send({ conversationId: 'conv', text, history });

    expect(preview.decision).toEqual({
      route: sent.decision.route,
      pattern: sent.decision.pattern,
      tier: sent.decision.tier,
      sensitivity: sent.decision.sensitivity,
      reasons: sent.decision.reasons,
      redacts: sent.decision.redaction.required,
      leaves: sent.leftDevice.length > 0,
    });
    // No local model here: each of these goes to the frontier tier.
    expect(sent.leftDevice).toHaveLength(1);
    // The preview shows exactly the messages the stub received (our fixed instruction aside).
    expect(preview.outgoing).toBe(sentText(receivedMessages()));
    expect(preview.outgoing).toBe(sent.leftDevice[0]?.text);
  });
});

describe("the preview decides with the local model's sensitivity judgement, as the send does", () => {
  it('a request the local model judges regulated: the preview keeps it here too', async () => {
    stub.setBehaviour({ kind: 'normal', echo: true });
    stub.clear();
    const local = new FakeLocal({
      sensitivity: { kind: 'sensitivity', level: 'regulated', categories: [], confidence: 0.9 },
    });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, ner, local });
    const service = createAnalysisService(ner);
    const text = 'Summarise what the report says about the quarterly numbers.';
    const context = await orch.requestContext('conv', { text });
    // without the judgement the preview would say it leaves
    const patternsOnly = await service.preview(context);
    expect(patternsOnly.decision.leaves).toBe(true);

    const judgement = await orch.previewJudgement(transcriptOf(context.request));
    const preview = await service.preview(context, { spans: [], facts: [], judgement });
    const sent = await orch.send({ conversationId: 'conv', text });
    expect(local.judged.map((j) => j.text)).toEqual([text, text]);
    expect(preview.decision).toMatchObject({
      route: sent.decision.route,
      pattern: sent.decision.pattern,
      tier: sent.decision.tier,
      sensitivity: 'regulated',
      leaves: false,
    });
    expect(sent.decision.sensitivity).toBe('regulated');
    expect(sent.leftDevice).toHaveLength(0);
    expect(stub.chatRequests()).toHaveLength(0);
    expect(preview.outgoing).toBeNull();
  });
});
