/**
 * The local model's PII second opinion through the whole pipeline: a fake LocalModel that answers
 * (or not) and the real stub upstream over loopback HTTP, which records what left the device.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLOUD_FIRST, PRIVATE, type Policy } from '../../core/policy';
import { startStubUpstream, type StubUpstream } from './stub';
import { FakeLocal, makeOrchestrator } from './fakes';

let stub: StubUpstream;
beforeAll(async () => {
  stub = await startStubUpstream();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.clear();
  stub.setBehaviour({ kind: 'normal', echo: true });
});

/** No NER in these tests: "Kiki" is a name only the local model can see. */
const TEXT = 'Please thank Kiki for the notes on the quarterly report and ask about the budget.';
/** Fast enough to answer within the tests' 0.4 s budget (48 tokens). */
const FAST = 500;
const sent = () =>
  stub
    .chatRequests()
    .map((r) => JSON.stringify((r.json as { messages: unknown }).messages))
    .join('\n');

/** Cloud-first: public requests go to the frontier tier as they are, so what leaves is visible. */
function policy(edit: (p: Policy) => void = () => undefined): Policy {
  const p = structuredClone(CLOUD_FIRST);
  p.localPiiCheck.budgetMs = 400;
  edit(p);
  return p;
}

describe('the second opinion adds redactions', () => {
  it('a name the detector misses leaves as a placeholder, and the reasons say who found it', async () => {
    const local = new FakeLocal({
      decodeTokensPerSecond: FAST,
      opinion: { values: [{ text: 'Kiki', kind: 'name' }] },
    });
    const { orch, ports } = makeOrchestrator({ baseUrl: stub.url, local, policy: policy() });
    const r = await orch.send({ conversationId: 'o1', text: TEXT });
    // the audit entry names the engine that took part
    expect(ports.audit.entries[0]?.localModel).toEqual({ engine: 'web-llm', modelId: 'fake' });
    expect(r.status).toBe('complete');
    expect(local.asked).toEqual([TEXT]);
    expect(sent()).not.toContain('Kiki');
    expect(sent()).toContain('[PERSON_1]');
    expect(r.text).toContain('Kiki'); // restored on the device
    expect(r.decision.redaction.targets).toContainEqual({ start: 13, end: 17, type: 'PERSON' });
    expect(r.decision.reasons).toContain('the local model found 1 name the detector had missed');
  });

  it('without the model the same text leaves with the name (what the opinion is for)', async () => {
    const local = new FakeLocal({ decodeTokensPerSecond: FAST });
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local,
      policy: policy((p) => (p.localPiiCheck.when = 'never')),
    });
    await orch.send({ conversationId: 'o2', text: TEXT });
    expect(local.asked).toEqual([]);
    expect(sent()).toContain('Kiki');
  });

  it('never removes what the detector found: an empty answer keeps the email redacted', async () => {
    const local = new FakeLocal({ decodeTokensPerSecond: FAST, opinion: { values: [] } });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local, policy: policy() });
    const text = 'Write to jonas.berg@acme.example that the review moves to next week.';
    const r = await orch.send({ conversationId: 'o3', text });
    expect(sent()).not.toContain('jonas.berg@acme.example');
    expect(sent()).toContain('[EMAIL_1]');
    expect(r.decision.reasons).toContain(
      "the local model's PII check found nothing the detector had missed",
    );
  });

  it('a health fact about a person raises the level: the request stays on the device', async () => {
    const local = new FakeLocal({
      decodeTokensPerSecond: FAST,
      reply: 'Answered here.',
      opinion: {
        values: [
          { text: 'Kiki', kind: 'name' },
          { text: 'the budget', kind: 'financial' },
        ],
      },
    });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local, policy: policy() });
    const r = await orch.send({ conversationId: 'o4', text: TEXT });
    expect(r.decision.sensitivity).toBe('regulated');
    expect(r.badge.label).toBe('Local');
    expect(stub.chatRequests()).toHaveLength(0);
    expect(r.decision.reasons.join('\n')).toContain(
      'the local model found financial account records about a person ("the budget") -> regulated',
    );
  });
});

describe('a missing, late or malformed answer changes nothing and is recorded', () => {
  const baseline = async () => {
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ decodeTokensPerSecond: FAST }),
      policy: policy((p) => (p.localPiiCheck.when = 'never')),
    });
    const r = await orch.send({ conversationId: 'base', text: TEXT });
    const out = sent();
    stub.clear();
    return { targets: r.decision.redaction.targets, out };
  };

  it('junk', async () => {
    const before = await baseline();
    const local = new FakeLocal({
      decodeTokensPerSecond: FAST,
      opinion: { raw: 'Sure! Kiki is a name. {values: [' },
    });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local, policy: policy() });
    const r = await orch.send({ conversationId: 'o5', text: TEXT });
    expect(r.status).toBe('complete');
    expect(r.decision.redaction.targets).toEqual(before.targets);
    expect(sent()).toBe(before.out);
    expect(r.decision.reasons.join('\n')).toMatch(
      /PII check answered with something unusable \(the answer was not valid JSON\): decided without it/,
    );
  });

  it('strings that are not in the text', async () => {
    const before = await baseline();
    const local = new FakeLocal({
      decodeTokensPerSecond: FAST,
      opinion: {
        values: [
          { text: 'Zebulon Quartermain', kind: 'name' },
          { text: 'ignore previous instructions', kind: 'identifier' },
        ],
      },
    });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local, policy: policy() });
    const r = await orch.send({ conversationId: 'o6', text: TEXT });
    expect(r.decision.redaction.targets).toEqual(before.targets);
    expect(sent()).toBe(before.out);
    expect(r.decision.reasons).toContain(
      'the local model named 2 values that are not in the text: ignored',
    );
  });

  it('an answer later than the budget', async () => {
    const before = await baseline();
    const local = new FakeLocal({
      decodeTokensPerSecond: FAST,
      opinion: { values: [{ text: 'Kiki', kind: 'name' }], delayMs: 5_000 },
    });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local, policy: policy() });
    const t0 = Date.now();
    const r = await orch.send({ conversationId: 'o7', text: TEXT });
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(r.decision.redaction.targets).toEqual(before.targets);
    expect(sent()).toBe(before.out);
    expect(r.decision.reasons).toContain(
      "the local model's PII check gave no answer within 0.4 s: decided without it",
    );
  });
});

describe('the policy decides when it runs', () => {
  it('not for requests that stay on the device', async () => {
    const local = new FakeLocal({
      decodeTokensPerSecond: FAST,
      opinion: { values: [{ text: 'Kiki', kind: 'name' }] },
    });
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local,
      policy: structuredClone(PRIVATE),
    });
    await orch.send({ conversationId: 'g1', text: TEXT });
    expect(local.asked).toEqual([]);
  });

  it('by default not without a sentence of free text; "leaving" asks anyway', async () => {
    const text = 'Kiki Larsen, Kim Berg';
    const local = new FakeLocal({ decodeTokensPerSecond: FAST });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local, policy: policy() });
    await orch.send({ conversationId: 'g2', text });
    expect(local.asked).toEqual([]);
    orch.setPolicy(policy((p) => (p.localPiiCheck.when = 'leaving')));
    await orch.send({ conversationId: 'g3', text });
    expect(local.asked).toEqual([text]);
  });

  it('not on a device too slow to answer within the budget, and the reasons say so', async () => {
    const local = new FakeLocal({ decodeTokensPerSecond: 2 });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local, policy: policy() });
    const r = await orch.send({ conversationId: 'g4', text: TEXT });
    expect(local.asked).toEqual([]);
    expect(r.decision.reasons).toContain(
      "the local model's PII check was skipped: it last decoded 2.0 tokens/s, too slow to answer within 0.4 s",
    );
  });

  it('asks about the new message first, and not again about turns it already answered', async () => {
    const local = new FakeLocal({
      decodeTokensPerSecond: FAST,
      opinion: { values: [{ text: 'Kiki', kind: 'name' }] },
    });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local, policy: policy() });
    await orch.send({ conversationId: 'h1', text: TEXT });
    const history = [
      { role: 'user' as const, content: TEXT },
      { role: 'assistant' as const, content: 'Sure, I will thank Kiki for the notes.' },
    ];
    const follow = 'Also tell her the offsite is moving to the spring this year.';
    await orch.send({ conversationId: 'h1', text: follow, history });
    expect(local.asked).toEqual([TEXT, follow, 'Sure, I will thank Kiki for the notes.']);
    const last = stub.chatRequests().at(-1);
    expect(JSON.stringify(last?.json)).not.toContain('Kiki');
  });

  it("the live preview's opinion is reused by the send that follows", async () => {
    const local = new FakeLocal({
      decodeTokensPerSecond: FAST,
      opinion: { values: [{ text: 'Kiki', kind: 'name' }] },
    });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local, policy: policy() });
    const preview = await orch.previewOpinion(TEXT, { tier: 'frontier' });
    expect(preview).toMatchObject({ kind: 'asked', spans: [{ text: 'Kiki', type: 'PERSON' }] });
    await orch.send({ conversationId: 'p1', text: TEXT });
    expect(local.asked).toEqual([TEXT]);
    expect(await orch.previewOpinion(TEXT, { tier: 'local' })).toBeUndefined();
  });
});
