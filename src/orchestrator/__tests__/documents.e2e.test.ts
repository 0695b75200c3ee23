/**
 * Requests with attached documents through the real pipeline and the stub upstream over loopback:
 * the documents' values are redacted where the detector alone would not see them, their
 * regulated content keeps the request on this device (or blocks it when no model can answer),
 * and a queued request keeps both across the outbox (in memory and in IndexedDB).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { switchDatabase } from '../../db';
import { dbPorts } from '../db-ports';
import type { RequestDocuments } from '../ports';
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

const sent = () =>
  stub
    .chatRequests()
    .map((r) => JSON.stringify((r.json as { messages: unknown }).messages))
    .join('\n');

// The pattern stage alone finds no names here: only the document's column says they are names.
const TEXT =
  'Who is on the early shift?\n\n---\n\n[document 1, csv table, whole document]\n| Name | Shift |\n| Xu Li | early |\n| Bo Ek | late |';
const COLUMN: RequestDocuments = {
  knownValues: [
    { value: 'Xu Li', type: 'PERSON' },
    { value: 'Bo Ek', type: 'PERSON' },
  ],
  categories: [],
};

describe('requests with documents', () => {
  it('redacts the values the documents know, with one placeholder each, and restores them', async () => {
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local: new FakeLocal() });
    const r = await orch.send({ conversationId: 'd1', text: TEXT, documents: COLUMN });
    expect(r.status).toBe('complete');
    expect(sent()).not.toContain('Xu Li');
    expect(sent()).not.toContain('Bo Ek');
    expect(sent()).toContain('| [PERSON_1] | early |');
    expect(sent()).toContain('| Name | Shift |');
    expect(r.text).toContain('| Xu Li | early |'); // the stub echoes; placeholders come back
    expect(r.decision.redaction.targets.map((t) => TEXT.slice(t.start, t.end))).toEqual([
      'Xu Li',
      'Bo Ek',
    ]);
    // without the documents' values the detector finds nothing here: the test is not vacuous
    const bare = await orch.route(TEXT);
    expect(bare.sensitivity).toBe('public');
  });

  it("keeps the request on this device when a document holds health details, even if the passages sent don't", async () => {
    const local = new FakeLocal({ reply: 'Answered here.' });
    const { orch } = makeOrchestrator({ baseUrl: stub.url, local });
    const r = await orch.send({
      conversationId: 'd3',
      text: 'When is the generator tested?\n\n[document 1, pdf, 40 pages, page 7]\nThe generator is tested monthly.',
      documents: { knownValues: [], categories: [{ category: 'health', terms: ['diagnosed'] }] },
    });
    expect(r.decision).toMatchObject({ route: 'local', sensitivity: 'regulated' });
    expect(r.decision.reasons.join('\n')).toContain('mentions health details ("diagnosed")');
    expect(r.text).toBe('Answered here.');
    expect(stub.chatRequests()).toHaveLength(0);
  });

  it('blocks it when no local model can answer, and sends nothing', async () => {
    const { orch } = makeOrchestrator({ baseUrl: stub.url });
    const r = await orch.send({
      conversationId: 'd4',
      text: 'When is the generator tested?',
      documents: { knownValues: [], categories: [{ category: 'health', terms: ['diagnosed'] }] },
    });
    expect(r.status).toBe('blocked');
    expect(stub.chatRequests()).toHaveLength(0);
  });

  it('keeps the documents with a queued request (IndexedDB) and applies them when it is sent', async () => {
    switchDatabase(`hearth-docs-${Math.random().toString(36).slice(2)}`);
    const offline = makeOrchestrator({
      baseUrl: stub.url,
      ports: dbPorts(),
      proxyUp: false,
      online: false,
    });
    const q = await offline.orch.send({
      conversationId: 'd5',
      messageId: 'm',
      text: TEXT,
      documents: COLUMN,
    });
    expect(q.status).toBe('queued');
    const online = makeOrchestrator({ baseUrl: stub.url, ports: dbPorts() });
    const [r] = await online.orch.flushOutbox();
    expect(r?.status).toBe('complete');
    expect(sent()).not.toContain('Xu Li');
    expect(sent()).toContain('[PERSON_');
  });
});
