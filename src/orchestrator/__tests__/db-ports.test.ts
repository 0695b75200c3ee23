/** The Dexie-backed ports, including the outbox across a simulated reload (fake-indexeddb). */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countAudit,
  createConversation,
  listMetrics,
  setConversationInstructions,
  setGlobalInstructions,
  switchDatabase,
} from '../../db';
import { dbPorts } from '../db-ports';
import { FakeLocal, makeOrchestrator } from './fakes';
import { startStubUpstream, type StubUpstream } from './stub';

let stub: StubUpstream;
beforeAll(async () => {
  stub = await startStubUpstream();
});
afterAll(() => stub.close());
beforeEach(() => {
  switchDatabase(`hearth-orch-${Math.random().toString(36).slice(2)}`);
  stub.clear();
  stub.setBehaviour({ kind: 'normal', echo: true });
});

const EMAIL = 'jonas.berg@acme.example';
const TEXT = `Write a short email to ${EMAIL} saying the review moves to next week.`;

describe('db ports', () => {
  it('queues in IndexedDB, survives a new orchestrator, flushes, audits and records metrics', async () => {
    const ports = dbPorts();
    const offline = makeOrchestrator({ baseUrl: stub.url, ports, proxyUp: false, online: false });
    const q = await offline.orch.send({ conversationId: 'c', messageId: 'm', text: TEXT });
    expect(q.status).toBe('queued');

    const online = makeOrchestrator({
      baseUrl: stub.url,
      ports: dbPorts(),
      local: new FakeLocal(),
    });
    expect(await online.orch.outboxSize()).toBe(1);
    const [r] = await online.orch.flushOutbox();
    expect(r).toMatchObject({ status: 'complete', text: TEXT });
    expect(await online.orch.outboxSize()).toBe(0);
    expect(await countAudit()).toBe(2);
    expect((await listMetrics()).map((m) => m.route)).toEqual(['queued', 'frontier']);
    const vault = await dbPorts().vault.load('c');
    expect(vault?.entries).toEqual([{ placeholder: '[EMAIL_1]', type: 'EMAIL', value: EMAIL }]);
  });

  it('keeps a queued request’s history and stored instructions in IndexedDB and sends them as messages', async () => {
    const c = await createConversation('Letters');
    await setGlobalInstructions('Answer in one sentence.');
    await setConversationInstructions(c.id, 'Replies go to jana.novakova@example.cz.');
    const offline = makeOrchestrator({
      baseUrl: stub.url,
      ports: dbPorts(),
      proxyUp: false,
      online: false,
    });
    const history = [
      { role: 'user' as const, content: TEXT },
      { role: 'assistant' as const, content: 'Done.' },
    ];
    const q = await offline.orch.send({ conversationId: c.id, text: 'And cc me.', history });
    expect(q.status).toBe('queued');

    const online = makeOrchestrator({ baseUrl: stub.url, ports: dbPorts() });
    const [r] = await online.orch.flushOutbox();
    expect(r?.status).toBe('complete');
    const sent = (stub.chatRequests()[0]?.json as { messages: { role: string; content: string }[] })
      .messages;
    expect(sent.slice(1)).toEqual([
      { role: 'system', content: 'Answer in one sentence.' },
      { role: 'system', content: 'Replies go to [EMAIL_1].' },
      { role: 'user', content: TEXT.replace(EMAIL, '[EMAIL_2]') },
      { role: 'assistant', content: 'Done.' },
      { role: 'user', content: 'And cc me.' },
    ]);
  });
});
