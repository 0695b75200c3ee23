/**
 * Conversations as the cloud receives them, over loopback HTTP to the real stub upstream: turns
 * as role-structured messages, one placeholder per value across every turn, the user's custom
 * instructions analysed and redacted like any other text, and queued requests that keep their
 * history.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../core/local-model/api';
import { PLACEHOLDER_SYSTEM } from '../../core/router';
import { memoryPorts } from '../memory-ports';
import { FakeLocal, makeOrchestrator } from './fakes';
import { startStubUpstream, type StubUpstream } from './stub';

let stub: StubUpstream;
beforeAll(async () => {
  stub = await startStubUpstream();
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.clear();
  stub.setBehaviour({ kind: 'normal', echo: true });
});

const received = (): ChatMessage[][] =>
  stub.chatRequests().map((r) => (r.json as { messages: ChatMessage[] }).messages);

const MAIL = 'jana.novakova@example.cz';

describe('one placeholder map per conversation', () => {
  it('the same e-mail address has the same placeholder in every turn and every request', async () => {
    const { orch } = makeOrchestrator({ baseUrl: stub.url });
    const first = `Write a short note to ops@example.org and ${MAIL} about the budget review.`;
    const r1 = await orch.send({ conversationId: 'c1', text: first });
    const second = `Now a reminder to ${MAIL} for next week.`;
    await orch.send({
      conversationId: 'c1',
      text: second,
      history: [
        { role: 'user', content: first },
        { role: 'assistant', content: r1.text },
      ],
    });
    // without the earlier turns (an edit of the first message drops them): the same map
    await orch.send({ conversationId: 'c1', text: `Is ${MAIL} still right?` });
    const [a, b, c] = received();
    const firstSent = 'Write a short note to [EMAIL_1] and [EMAIL_2] about the budget review.';
    expect(a?.at(-1)?.content).toBe(firstSent);
    expect(b?.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(b?.slice(1).map((m) => m.content)).toEqual([
      firstSent,
      firstSent, // the stub's echo, as answered
      'Now a reminder to [EMAIL_2] for next week.',
    ]);
    expect(c?.at(-1)?.content).toBe('Is [EMAIL_2] still right?');
    expect(JSON.stringify([a, b, c])).not.toContain(MAIL);
  });
});

describe('custom instructions', () => {
  it('are sent as system messages after ours, redacted; the preview context carries them too', async () => {
    const ports = memoryPorts();
    ports.instructions.global = 'Always sign as Dr. Jana Nováková.';
    ports.instructions.perConversation.set('c2', `Reply-to address: ${MAIL}.`);
    const { orch } = makeOrchestrator({ baseUrl: stub.url, ports });
    const text = 'Write a two-line thank-you note for the flowers.';
    const context = await orch.requestContext('c2', { text });
    expect(context.request.instructions).toEqual([
      'Always sign as Dr. Jana Nováková.',
      `Reply-to address: ${MAIL}.`,
    ]);
    const r = await orch.send({ conversationId: 'c2', text });
    expect(r.status).toBe('complete');
    const [sent] = received();
    expect(sent?.map((m) => m.role)).toEqual(['system', 'system', 'system', 'user']);
    expect(sent?.[0]?.content).toBe(PLACEHOLDER_SYSTEM);
    expect(sent?.[1]?.content).toMatch(/^Always sign as Dr\. \[PERSON_1\]\.$/);
    expect(sent?.[2]?.content).toBe('Reply-to address: [EMAIL_1].');
    expect(sent?.[3]?.content).toBe(text);
    expect(JSON.stringify(sent)).not.toMatch(/Nováková|jana\.novakova/);
    // "what left this device" shows the instructions as they were sent
    expect(r.leftDevice[0]?.text).toContain('System: Always sign as Dr. [PERSON_1].');
  });

  it('regulated content in an instruction keeps the request on the device, instruction included', async () => {
    const ports = memoryPorts();
    ports.instructions.global = 'I have type 1 diabetes and take insulin; keep that in mind.';
    const local = new FakeLocal({ reply: 'A light dinner.' });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, ports, local });
    const r = await orch.send({ conversationId: 'c3', text: 'Suggest a dinner for tonight.' });
    expect(r.decision.sensitivity).toBe('regulated');
    expect(r.badge.tone).toBe('local');
    expect(stub.chatRequests()).toHaveLength(0);
    expect(local.requests[0]?.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });
});

describe('the outbox', () => {
  it('keeps the history and instructions of a queued request and sends them as messages', async () => {
    const ports = memoryPorts();
    ports.instructions.global = 'Answer in one sentence.';
    const history: ChatMessage[] = [
      { role: 'user', content: `Remind me to write to ${MAIL}.` },
      { role: 'assistant', content: 'Noted.' },
    ];
    const first = makeOrchestrator({ baseUrl: stub.url, ports, proxyUp: false, online: false });
    const q = await first.orch.send({
      conversationId: 'c4',
      text: 'What was that about?',
      history,
    });
    expect(q.status).toBe('queued');
    const second = makeOrchestrator({ baseUrl: stub.url, ports });
    const [r] = await second.orch.flushOutbox();
    expect(r?.status).toBe('complete');
    expect(received()[0]).toEqual([
      { role: 'system', content: PLACEHOLDER_SYSTEM },
      { role: 'system', content: 'Answer in one sentence.' },
      { role: 'user', content: 'Remind me to write to [EMAIL_1].' },
      { role: 'assistant', content: 'Noted.' },
      { role: 'user', content: 'What was that about?' },
    ]);
  });
});
