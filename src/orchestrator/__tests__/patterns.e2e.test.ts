/**
 * Each pattern end to end: a fake LocalModel and the real stub upstream over loopback HTTP,
 * with failures at every step.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStubUpstream, type StubUpstream } from './stub';
import { CLOUD_FIRST, PRIVATE } from '../../core/policy';
import { memoryPorts } from '../memory-ports';
import { FakeLocal, collector, makeOrchestrator } from './fakes';
import { PLACEHOLDER_SYSTEM } from '../patterns';

let stub: StubUpstream;
beforeAll(async () => {
  stub = await startStubUpstream();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.clear();
  stub.setBehaviour({ kind: 'normal' });
});

const EMAIL = 'jonas.berg@acme.example';
const EMAIL_REQUEST = `Write a short email to ${EMAIL} saying the review moves to next week.`;
const sentTexts = () =>
  stub.chatRequests().map((r) => JSON.stringify((r.json as { messages: unknown }).messages));

describe('local', () => {
  it('answers regulated requests on the device; nothing reaches the upstream', async () => {
    const { orch, ports } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'Eat vegetables.' }),
    });
    const c = collector();
    const r = await orch.send(
      { conversationId: 'c1', text: 'I was diagnosed with diabetes, what should I eat?' },
      c.callbacks,
    );
    expect(r).toMatchObject({
      status: 'complete',
      text: 'Eat vegetables.',
      badge: { tone: 'local', label: 'Local' },
    });
    expect(r.decision).toMatchObject({ route: 'local', sensitivity: 'regulated' });
    expect(c.text).toBe('Eat vegetables.');
    expect(r.leftDevice).toEqual([]);
    expect(stub.chatRequests()).toHaveLength(0);
    expect(ports.audit.entries[0]).toMatchObject({
      kind: 'decision',
      route: 'local',
      tiersThatSawData: ['local'],
    });
  });

  it('reports a local failure mid-stream and never sends the request to the cloud instead', async () => {
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'one two three four', failAfterTokens: 2 }),
    });
    const c = collector();
    const r = await orch.send(
      { conversationId: 'c1', text: 'My 7-year-old son has a fever, what now?' },
      c.callbacks,
    );
    expect(r.status).toBe('error');
    expect(r.error?.code).toBe('local_failed');
    expect(r.steps.find((s) => s.kind === 'local-generate')?.note).toBe('failed mid-stream');
    expect(stub.chatRequests()).toHaveLength(0);
  });

  it('blocks regulated requests when no local model is loaded, and says why', async () => {
    const { orch } = makeOrchestrator({ baseUrl: stub.url });
    const r = await orch.send({
      conversationId: 'c1',
      text: 'Draft a written warning for Mark about lateness.',
    });
    expect(r.status).toBe('blocked');
    expect(r.decision.reasons.join('\n')).toContain('no local model is loaded');
    expect(stub.chatRequests()).toHaveLength(0);
  });
});

describe('sanitize-and-solve', () => {
  it('sends only placeholders, streams the answer as written, restores its text, records what left', async () => {
    stub.setBehaviour({ kind: 'normal', echo: true });
    const { orch, ports } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    const c = collector();
    const r = await orch.send({ conversationId: 'c2', text: EMAIL_REQUEST }, c.callbacks);
    expect(r.status).toBe('complete');
    expect(r.decision.pattern).toBe('sanitize-and-solve');
    expect(sentTexts().join()).not.toContain(EMAIL);
    expect(sentTexts().join()).toContain('[EMAIL_1]');
    expect(r.text).toBe(EMAIL_REQUEST);
    // The stream and `raw` keep the placeholders: the UI fills them into text nodes only.
    const written = EMAIL_REQUEST.replace(EMAIL, '[EMAIL_1]');
    expect(c.text).toBe(written);
    expect(c.placeholders).toBe(true);
    expect(r.raw).toBe(written);
    expect(r.leftDevice).toEqual([
      { tier: 'frontier', text: EMAIL_REQUEST.replace(EMAIL, '[EMAIL_1]') },
    ]);
    expect(r.badge).toMatchObject({ tone: 'frontier', label: 'Cloud (redacted)', redacted: 1 });
    expect(stub.chatRequests()[0]?.headers['x-hearth-tier']).toBe('frontier');
    expect(ports.vault.vaults.get('c2')?.entries).toEqual([
      { placeholder: '[EMAIL_1]', type: 'EMAIL', value: EMAIL },
    ]);
    expect(ports.audit.entries[0]?.outgoingText).toContain('[EMAIL_1]');
  });

  it('stores the vault before the answer streams, so the UI can fill placeholders in as they arrive', async () => {
    stub.setBehaviour({ kind: 'normal', echo: true });
    const { orch, ports } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    const seenAtFirstToken: unknown[] = [];
    await orch.send(
      { conversationId: 'c2v', text: EMAIL_REQUEST },
      {
        onToken: () => {
          if (seenAtFirstToken.length === 0) {
            seenAtFirstToken.push(ports.vault.vaults.get('c2v')?.entries ?? 'none');
          }
        },
      },
    );
    expect(seenAtFirstToken).toEqual([[{ placeholder: '[EMAIL_1]', type: 'EMAIL', value: EMAIL }]]);
  });

  it('records estimated tokens and the cloud cost at the policy prices for the dashboard', async () => {
    stub.setBehaviour({ kind: 'normal', echo: true });
    const { orch, ports } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    const r = await orch.send({ conversationId: 'c2m', text: EMAIL_REQUEST });
    const m = ports.metrics.samples[0];
    const sent = r.leftDevice[0]?.text.length ?? 0;
    const { inputPerMTok, outputPerMTok } = orch.getPolicy().prices.frontier;
    expect(m?.promptTokens).toBe(Math.ceil(EMAIL_REQUEST.length / 4));
    expect(m?.completionTokens).toBe(Math.ceil(r.text.length / 4));
    expect(m?.costUsd).toBeGreaterThan(0);
    expect(m?.costUsd).toBeCloseTo(
      (Math.ceil(sent / 4) * inputPerMTok + Math.ceil(sent / 4) * outputPerMTok) / 1e6,
      9,
    );
  });

  it('keeps an unknown placeholder as it is and reports it', async () => {
    stub.setBehaviour({ kind: 'normal', reply: 'Sent to [EMAIL_1], copied [PERSON_9].' });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    const r = await orch.send({ conversationId: 'c3', text: EMAIL_REQUEST });
    expect(r.status).toBe('complete');
    expect(r.text).toBe(`Sent to ${EMAIL}, copied [PERSON_9].`);
    expect(r.unknownPlaceholders).toEqual(['[PERSON_9]']);
    expect(r.steps.some((s) => s.kind === 'restore' && !s.ok)).toBe(true);
  });

  it('retries a 429, then falls back to the local model', async () => {
    stub.setBehaviour({ kind: 'rate-limit', retryAfter: '0' });
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'Local fallback.' }),
    });
    const c = collector();
    const r = await orch.send({ conversationId: 'c4', text: EMAIL_REQUEST }, c.callbacks);
    expect(stub.chatRequests()).toHaveLength(3);
    expect(r).toMatchObject({
      status: 'complete',
      text: 'Local fallback.',
      badge: { tone: 'local' },
      error: { code: 'rate_limited' },
    });
    expect(c.text).toBe('Local fallback.');
    expect(orch.resilience.retries).toBe(2);
    expect(r.leftDevice).toHaveLength(1); // one redacted text, sent three times
  });

  it('does not wait for a long Retry-After: one attempt, then the fallback', async () => {
    stub.setBehaviour({ kind: 'rate-limit', retryAfter: '120' });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    const r = await orch.send({ conversationId: 'c4', text: EMAIL_REQUEST });
    expect(stub.chatRequests()).toHaveLength(1);
    expect(r.badge.tone).toBe('local');
  });

  it('a value redacted in an earlier turn stays redacted later, where the detector alone would not see it', async () => {
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    await orch.send({
      conversationId: 'kv1',
      text: `Write to ${EMAIL} that customer number KX-4471-A9 is closed.`,
    });
    const first = sentTexts().join('\n');
    expect(first).not.toContain('KX-4471-A9');
    stub.clear();
    // no label this time: on its own the pattern layer does not report "KX-4471-A9"
    const later = 'Draft a reminder that KX-4471-A9 has been closed since Monday.';
    const r = await orch.send({ conversationId: 'kv1', text: later });
    expect(r.status).toBe('complete');
    const sent = sentTexts().join('\n');
    expect(sent).not.toContain('KX-4471-A9');
    expect(sent).toContain('[ID_NUMBER_1]');
  });

  it('opens the circuit breaker after repeated 500s and then stops calling the tier', async () => {
    stub.setBehaviour({ kind: 'error', status: 500 });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    const r1 = await orch.send({ conversationId: 'c5', text: EMAIL_REQUEST });
    expect(r1.error?.code).toMatch(/upstream_error|circuit_open/);
    expect(orch.resilience.isOpen('frontier')).toBe(true);
    const h = await orch.health();
    expect(h.frontier.available).toBe(false);
    stub.clear();
    const r2 = await orch.send({ conversationId: 'c5', text: EMAIL_REQUEST });
    expect(stub.chatRequests()).toHaveLength(0);
    expect(r2.decision.route).toBe('local');
    expect(r2.decision.reasons.join('\n')).toContain('unavailable');
  });

  it('times out a hanging upstream and queues the request when no local model is loaded', async () => {
    stub.setBehaviour({ kind: 'hang' });
    const { orch, ports } = makeOrchestrator({ baseUrl: stub.url, idleTimeoutMs: 150 });
    const r = await orch.send({ conversationId: 'c6', text: EMAIL_REQUEST });
    expect(r.status).toBe('queued');
    expect(r.error?.code).toBe('timeout');
    expect(r.badge.tone).toBe('queued');
    expect(await ports.outbox.list()).toHaveLength(1);
  });

  it('drops a stream that breaks mid-way and answers locally instead', async () => {
    stub.setBehaviour({ kind: 'mid-stream-close', chunksBeforeClose: 3 });
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'Local.' }),
    });
    const c = collector();
    const r = await orch.send({ conversationId: 'c7', text: EMAIL_REQUEST }, c.callbacks);
    expect(r.status).toBe('complete');
    expect(c.text).toBe('Local.');
    expect(c.resets).toBe(1);
    expect(stub.chatRequests()).toHaveLength(1); // tokens had arrived: not retried
  });

  it('treats an SSE error event as a failure', async () => {
    stub.setBehaviour({ kind: 'truncated-stream', chunksBeforeEnd: 2 });
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'Local.' }),
    });
    const r = await orch.send({ conversationId: 'c7', text: EMAIL_REQUEST });
    expect(r.text).toBe('Local.');
    expect(r.error?.code).toBe('upstream_error');
  });
});

describe('escalate-on-hard', () => {
  const TRIVIA = 'What is the capital of Australia?';

  it('keeps a confident local answer', async () => {
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'Canberra.', confidence: 0.9 }),
    });
    const r = await orch.send({ conversationId: 'e1', text: TRIVIA });
    expect(r).toMatchObject({
      status: 'complete',
      text: 'Canberra.',
      escalated: false,
      badge: { tone: 'local' },
    });
    expect(stub.chatRequests()).toHaveLength(0);
  });

  it('escalates a low-confidence answer, replacing what was streamed', async () => {
    stub.setBehaviour({ kind: 'normal', reply: 'Canberra is the capital.' });
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'Sydney?', confidence: 0.2 }),
    });
    const c = collector();
    const r = await orch.send({ conversationId: 'e2', text: TRIVIA }, c.callbacks);
    expect(r).toMatchObject({
      status: 'complete',
      escalated: true,
      badge: { label: 'Escalated' },
    });
    expect(c.text).toBe('Canberra is the capital.');
    expect(c.resets).toBe(1);
  });

  it('escalates when the local model fails mid-stream', async () => {
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'a b c d', failAfterTokens: 2 }),
    });
    const r = await orch.send({ conversationId: 'e3', text: TRIVIA });
    expect(r.escalated).toBe(true);
    expect(r.badge.tone).toBe('frontier');
  });

  it('stops cascading when too many requests escalate, and says so', async () => {
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'Hmm.', confidence: 0.1 }),
    });
    for (let i = 0; i < 6; i++) await orch.send({ conversationId: 'e4', text: TRIVIA });
    const r = await orch.send({ conversationId: 'e4', text: TRIVIA });
    expect(r.decision.reasons.join('\n')).toContain('cascading paused');
    expect(r.escalated).toBe(false);
  });
});

describe('the other hybrid patterns', () => {
  it('draft-then-refine: the cloud improves the redacted local draft', async () => {
    stub.setBehaviour({
      kind: 'normal',
      reply: 'Dear [PERSON_1], here is the improved plan for [EMAIL_1].',
    });
    const local = new FakeLocal({ reply: `Hi Jonas, draft plan for ${EMAIL}.` });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local });
    const r = await orch.send({
      conversationId: 'd1',
      text: `Write a detailed email to ${EMAIL} proposing a comprehensive plan for the office move.`,
    });
    expect(r.decision.pattern).toBe('draft-then-refine');
    const sent = sentTexts().join();
    expect(sent).toContain('Draft:');
    expect(sent).not.toContain(EMAIL);
    expect(sent).not.toContain('Jonas'); // the first name the local draft took from the address
    expect(sent).toContain('Hi [PERSON_1], draft plan for [EMAIL_1].');
    expect(r.text).toBe(`Dear Jonas, here is the improved plan for ${EMAIL}.`);
    expect(r.unknownPlaceholders).toEqual([]);
  });

  it('plan-then-ground: the cloud plans on the redacted text, the local model answers with the details', async () => {
    stub.setBehaviour({
      kind: 'normal',
      reply: '1. Group the complaints of [EMAIL_1]. 2. Propose fixes.',
    });
    const local = new FakeLocal({ reply: 'Grounded answer.' });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local });
    const text = `Analyze in depth the customer complaints from ${EMAIL} and suggest a comprehensive retention strategy.`;
    const r = await orch.send({ conversationId: 'p1', text });
    expect(r.decision.pattern).toBe('plan-then-ground');
    expect(sentTexts().join()).not.toContain(EMAIL);
    expect(local.requests[0]?.messages[0]?.content).toContain(`complaints of ${EMAIL}`);
    expect(r).toMatchObject({
      text: 'Grounded answer.',
      badge: { label: 'Cloud (redacted)', tone: 'frontier' },
    });
  });

  it('plan-then-ground: without a plan (cloud 500) the local model answers alone', async () => {
    stub.setBehaviour({ kind: 'error', status: 502 });
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'Alone.' }),
    });
    const r = await orch.send({
      conversationId: 'p2',
      text: `Analyze in depth the complaints from ${EMAIL} and suggest a comprehensive strategy.`,
    });
    expect(r).toMatchObject({ status: 'complete', text: 'Alone.' });
    expect(r.steps.some((s) => s.kind === 'fallback')).toBe(true);
  });

  it('cross-check: both answer and the disagreement is shown', async () => {
    stub.setBehaviour({ kind: 'normal', reply: 'Yes, it is visible with the naked eye.' });
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'No. Astronauts report it cannot be seen unaided.' }),
    });
    const r = await orch.send({
      conversationId: 'x1',
      text: 'Is it true that the Great Wall of China is visible from space?',
    });
    expect(r.decision.pattern).toBe('cross-check');
    expect(r.crossCheck?.disagree).toBe(true);
    expect(r.text).toBe('Yes, it is visible with the naked eye.');
  });
});

describe('availability and the outbox', () => {
  it('offline with a local model: answered locally', async () => {
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'Offline answer.' }),
      online: false,
    });
    const r = await orch.send({ conversationId: 'o1', text: EMAIL_REQUEST });
    expect(r).toMatchObject({ status: 'complete', text: 'Offline answer.' });
    expect(r.decision.reasons.join('\n')).toContain('offline');
  });

  it('no local model: public requests still go to the cloud', async () => {
    const { orch } = makeOrchestrator({ baseUrl: stub.url });
    const r = await orch.send({ conversationId: 'o2', text: 'What is the capital of Australia?' });
    expect(r.status).toBe('complete');
    expect(r.badge.tone).toBe('frontier');
    expect(r.decision.reasons[0]).toContain('no local model is loaded');
  });

  it('the outbox survives a reload and is flushed after a fresh re-scan', async () => {
    const ports = memoryPorts();
    const first = makeOrchestrator({ baseUrl: stub.url, ports, proxyUp: false, online: false });
    const q = await first.orch.send({ conversationId: 'o3', messageId: 'm1', text: EMAIL_REQUEST });
    expect(q.status).toBe('queued');
    expect(stub.chatRequests()).toHaveLength(0);

    // "reload": a new orchestrator over the same store, now online
    stub.setBehaviour({ kind: 'normal', echo: true });
    const second = makeOrchestrator({ baseUrl: stub.url, ports });
    expect(await second.orch.outboxSize()).toBe(1);
    const tokens: string[] = [];
    const results = await second.orch.flushOutbox(() => ({ onToken: (d) => tokens.push(d) }));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status: 'complete',
      messageId: 'm1',
      text: EMAIL_REQUEST,
      raw: EMAIL_REQUEST.replace(EMAIL, '[EMAIL_1]'),
    });
    expect(tokens.join('')).toBe(EMAIL_REQUEST.replace(EMAIL, '[EMAIL_1]'));
    expect(sentTexts().join()).not.toContain(EMAIL);
    expect(await ports.outbox.list()).toEqual([]);
  });

  it('a queued item stays queued while the cloud is still away', async () => {
    const ports = memoryPorts();
    const { orch } = makeOrchestrator({ baseUrl: stub.url, ports, proxyUp: false });
    await orch.send({ conversationId: 'o4', text: EMAIL_REQUEST });
    expect(await orch.flushOutbox()).toEqual([]);
    expect((await ports.outbox.list())[0]).toMatchObject({
      attempts: 1,
      lastError: { code: 'still_unavailable' },
    });
  });

  it('a queued item the new policy keeps on the device is never sent', async () => {
    const ports = memoryPorts();
    const first = makeOrchestrator({
      baseUrl: stub.url,
      ports,
      proxyUp: false,
      policy: CLOUD_FIRST,
    });
    await first.orch.send({ conversationId: 'o5', text: EMAIL_REQUEST });
    const second = makeOrchestrator({
      baseUrl: stub.url,
      ports,
      policy: PRIVATE,
      local: new FakeLocal({ reply: 'Kept local.' }),
    });
    const [r] = await second.orch.flushOutbox();
    expect(r).toMatchObject({ status: 'complete', text: 'Kept local.', badge: { tone: 'local' } });
    expect(stub.chatRequests()).toHaveLength(0);
  });

  it('the private tier gets internal material when it is configured', async () => {
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal(), private: true });
    const r = await orch.send({
      conversationId: 'i1',
      text: 'CONFIDENTIAL: summarise our Q3 roadmap for the board.',
    });
    expect(r.badge).toMatchObject({ tone: 'private', label: 'Private tier' });
    expect(stub.chatRequests()[0]?.headers['x-hearth-tier']).toBe('private');
  });
});

describe('conversations with history', () => {
  it('a health detail in an earlier turn keeps a harmless follow-up on the device', async () => {
    const local = new FakeLocal({ reply: 'Summary.' });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local });
    const r = await orch.send({
      conversationId: 'h1',
      text: 'Summarise that in two lines.',
      history: [
        { role: 'user', content: 'I was diagnosed with epilepsy last year.' },
        { role: 'assistant', content: 'I am sorry to hear that.' },
      ],
    });
    expect(r.decision.sensitivity).toBe('regulated');
    expect(r.badge.tone).toBe('local');
    expect(stub.chatRequests()).toHaveLength(0);
    expect(local.requests[0]?.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('the cloud gets the turns as role-structured messages, with the same placeholder in every turn', async () => {
    stub.setBehaviour({ kind: 'normal', echo: true });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    await orch.send({ conversationId: 'h2', text: EMAIL_REQUEST });
    stub.clear();
    const r = await orch.send({
      conversationId: 'h2',
      text: `Also cc ${EMAIL} on the invite.`,
      history: [
        { role: 'user', content: EMAIL_REQUEST },
        { role: 'assistant', content: `Done, I wrote to ${EMAIL}.` },
      ],
    });
    const messages = (stub.chatRequests()[0]?.json as { messages: unknown }).messages;
    expect(messages).toEqual([
      { role: 'system', content: PLACEHOLDER_SYSTEM },
      {
        role: 'user',
        content: 'Write a short email to [EMAIL_1] saying the review moves to next week.',
      },
      { role: 'assistant', content: 'Done, I wrote to [EMAIL_1].' },
      { role: 'user', content: 'Also cc [EMAIL_1] on the invite.' },
    ]);
    expect(r.text).toContain(`Also cc ${EMAIL} on the invite.`);
    // "What left this device" lists every message sent, with its role (not our instruction).
    expect(r.leftDevice[0]?.text).toBe(
      'User: Write a short email to [EMAIL_1] saying the review moves to next week.\n\nAssistant: Done, I wrote to [EMAIL_1].\n\nUser: Also cc [EMAIL_1] on the invite.',
    );
  });
});

describe('sending unredacted (the user confirmed)', () => {
  it('sends personal values as they are, says so, and audits it as an override', async () => {
    stub.setBehaviour({ kind: 'normal', echo: true });
    const { orch, ports } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    const r = await orch.send({
      conversationId: 'o1',
      text: EMAIL_REQUEST,
      override: 'unredacted',
    });
    expect(r.status).toBe('complete');
    expect(sentTexts().join()).toContain(EMAIL);
    expect(stub.chatRequests()[0]?.headers['x-hearth-override']).toBe('unredacted');
    expect(r.badge).toMatchObject({ label: 'Cloud', redacted: 0 });
    expect(r.decision.reasons.at(-1)).toMatch(/without redaction: the user confirmed/);
    expect(ports.audit.entries[0]).toMatchObject({ kind: 'override', entityCounts: { EMAIL: 1 } });
    expect(ports.audit.entries[0]?.outgoingText).toContain(EMAIL);
  });

  it('is refused for regulated data: nothing is sent and the refusal is audited', async () => {
    const { orch, ports } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    const r = await orch.send({
      conversationId: 'o2',
      text: `Tell ${EMAIL} that I was diagnosed with epilepsy and start lamotrigine next week.`,
      override: 'unredacted',
    });
    expect(r.status).toBe('blocked');
    expect(r.badge.label).toBe('Blocked');
    expect(r.decision.reasons.at(-1)).toMatch(/refused: regulated data/);
    expect(stub.chatRequests()).toHaveLength(0);
    expect(ports.audit.entries[0]).toMatchObject({ kind: 'override', route: 'blocked' });
  });

  it('never sends a secret, even when confirmed', async () => {
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    const r = await orch.send({
      conversationId: 'o3',
      text: `Email ${EMAIL} the staging key AKIAIOSFODNN7EXAMPLE with secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
      override: 'unredacted',
    });
    expect(stub.chatRequests()).toHaveLength(0);
    expect(r.leftDevice).toEqual([]);
  });
});

describe('stopping', () => {
  it('the Stop button aborts a streaming cloud answer without a fallback or a retry', async () => {
    stub.setBehaviour({ kind: 'slow', chunkDelayMs: 40 });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    const ctl = new AbortController();
    const r = await orch.send(
      { conversationId: 's1', text: EMAIL_REQUEST },
      { onToken: () => ctl.abort() },
      ctl.signal,
    );
    expect(r.status).toBe('stopped');
    expect(stub.chatRequests()).toHaveLength(1);
    expect(r.steps.some((s) => s.kind === 'fallback')).toBe(false);
  });

  it('Stop during a local answer is reported as stopped (engines end normally on abort)', async () => {
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      local: new FakeLocal({ reply: 'one two three four' }),
    });
    const ctl = new AbortController();
    const r = await orch.send(
      { conversationId: 's2', text: 'I was diagnosed with asthma last year; what helps at night?' },
      { onToken: () => ctl.abort() },
      ctl.signal,
    );
    expect(r.decision.route).toBe('local');
    expect(r).toMatchObject({ status: 'stopped', badge: { label: 'Stopped' } });
    expect(stub.chatRequests()).toHaveLength(0);
  });
});

describe('local judgements', () => {
  it('a loaded model can raise the level: a text the rules call public stays on the device', async () => {
    const local = new FakeLocal({
      reply: 'Kept here.',
      sensitivity: {
        kind: 'sensitivity',
        level: 'regulated',
        categories: ['health'],
        confidence: 0.8,
      },
    });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local });
    const r = await orch.send({
      conversationId: 'j1',
      text: 'Is it normal to feel this tired every single day?',
    });
    expect(r.decision.sensitivity).toBe('regulated');
    expect(r.decision.reasons.join('\n')).toContain('the local model judged it regulated (health)');
    expect(r).toMatchObject({ status: 'complete', text: 'Kept here.' });
    expect(stub.chatRequests()).toHaveLength(0);
  });

  it('a judgement that takes too long is skipped, and the reasons say so', async () => {
    const local = new FakeLocal({
      judgeDelayMs: 1_500,
      sensitivity: { kind: 'sensitivity', level: 'regulated', categories: [], confidence: 1 },
    });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local });
    const r = await orch.send({ conversationId: 'j3', text: 'What is the capital of Australia?' });
    expect(r.decision.sensitivity).toBe('public');
    expect(r.decision.reasons.join('\n')).toContain('no judgement within 500 ms');
  });

  it('a judgement can never lower the level', async () => {
    const local = new FakeLocal({
      sensitivity: { kind: 'sensitivity', level: 'public', categories: [], confidence: 0.99 },
    });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local });
    const r = await orch.send({
      conversationId: 'j2',
      text: 'I was diagnosed with asthma, what now?',
    });
    expect(r.decision.sensitivity).toBe('regulated');
  });
});

describe('availability over time', () => {
  it('a device that started offline notices the proxy is back without a reload', async () => {
    let up = false;
    let clock = 1_000_000;
    const { orch } = makeOrchestrator({
      baseUrl: stub.url,
      fetchHealth: async () => {
        if (!up) throw new TypeError('fetch failed');
        return {
          ok: true,
          version: 't',
          cloud: { configured: true },
          tiers: { frontier: { configured: true, reachable: true } },
        };
      },
      now: () => clock,
    });
    expect((await orch.health()).online).toBe(false);
    up = true;
    clock += 1_000;
    expect((await orch.health()).online).toBe(false); // a failed check is reused briefly
    clock += 5_000;
    expect((await orch.health()).online).toBe(true);
  });
});
