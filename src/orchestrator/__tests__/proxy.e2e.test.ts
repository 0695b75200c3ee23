/**
 * The whole path over loopback: orchestrator -> the real proxy (server/, with its fail-closed
 * re-scan) -> the stub upstream. The server modules are loaded dynamically for the same reason
 * as stub.ts (they belong to the node TypeScript project).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLocal, makeOrchestrator } from './fakes';
import { startStubUpstream, type StubUpstream } from './stub';

interface RunningServer {
  url: string;
  close(): Promise<void>;
}
interface ServerModules {
  readConfig(env: Record<string, string>, d: { version: string; staticRoot: string }): unknown;
  startNodeServer(o: {
    config: unknown;
    detector: unknown;
    logger: (l: unknown) => void;
  }): Promise<RunningServer>;
  detector: unknown;
}

const CONFIG = '../../../server/config';
const NODE = '../../../server/node';
const DETECTOR = '../../../server/detector';

let stub: StubUpstream;
let proxy: RunningServer;

/** The real proxy in front of the stub, with `env` added to its configuration. */
async function startProxy(env: Record<string, string> = {}): Promise<RunningServer> {
  const mods = (await Promise.all([
    import(/* @vite-ignore */ CONFIG),
    import(/* @vite-ignore */ NODE),
    import(/* @vite-ignore */ DETECTOR),
  ])) as [
    Pick<ServerModules, 'readConfig'>,
    Pick<ServerModules, 'startNodeServer'>,
    Pick<ServerModules, 'detector'>,
  ];
  const [{ readConfig }, { startNodeServer }, { detector }] = mods;
  const config = readConfig(
    {
      PORT: '0',
      CLOUD_BASE_URL: `${stub.url}/v1`,
      CLOUD_API_KEY: 'sk-test-0123456789abcdef',
      CLOUD_MODEL: 'stub',
      // The property test below sends many requests in a few seconds.
      RATE_LIMIT_RPM: '6000',
      ...env,
    },
    { version: 't', staticRoot: 'dist' },
  );
  return startNodeServer({ config, detector, logger: () => undefined });
}

beforeAll(async () => {
  stub = await startStubUpstream();
  proxy = await startProxy();
});
afterAll(async () => {
  await proxy.close();
  await stub.close();
});

const EMAIL = 'jonas.berg@acme.example';

describe('orchestrator -> proxy -> stub upstream', () => {
  it('a redacted request passes the proxy re-scan; the answer streams back as written and is restored', async () => {
    stub.setBehaviour({ kind: 'normal', echo: true });
    stub.clear();
    const { orch } = makeOrchestrator({ baseUrl: proxy.url, local: new FakeLocal() });
    const text = `Write a short email to ${EMAIL} saying the review moves to next week.`;
    const tokens: string[] = [];
    const r = await orch.send({ conversationId: 'p', text }, { onToken: (d) => tokens.push(d) });
    expect(r).toMatchObject({ status: 'complete', text, badge: { tone: 'frontier' } });
    expect(tokens.join('')).toBe(text.replace(EMAIL, '[EMAIL_1]'));
    expect(r.raw).toBe(text.replace(EMAIL, '[EMAIL_1]'));
    expect(JSON.stringify(stub.chatRequests().map((q) => q.json))).not.toContain(EMAIL);
  });

  it('a tier the proxy does not have configured (503) falls back to the local model', async () => {
    stub.clear();
    const { orch } = makeOrchestrator({
      baseUrl: proxy.url,
      local: new FakeLocal({ reply: 'Local.' }),
      private: true,
    });
    const r = await orch.send({
      conversationId: 'p2',
      text: 'CONFIDENTIAL: summarise our Q3 roadmap.',
    });
    expect(r).toMatchObject({
      status: 'complete',
      text: 'Local.',
      error: { code: 'tier_not_configured' },
    });
    expect(stub.chatRequests()).toHaveLength(0);
  });

  it('a confirmed unredacted send this server refuses: an error, and nothing listed as sent', async () => {
    stub.clear();
    const { orch, ports } = makeOrchestrator({ baseUrl: proxy.url });
    const text = `Write a short email to ${EMAIL} saying the review moves to next week.`;
    const r = await orch.send({ conversationId: 'ov', text, override: 'unredacted' });
    // The Dashboard counts it as the audit log does: failed, not "Cloud".
    expect(ports.metrics.samples.map((m) => m.route)).toEqual(['error']);
    expect(ports.audit.entries.map((e) => e.route)).toEqual(['error']);
    expect(r.status).toBe('error');
    expect(r.error?.code).toBe('override_not_allowed');
    expect(r.leftDevice).toEqual([]);
    expect(stub.chatRequests()).toHaveLength(0);
    const health = (await (await fetch(`${proxy.url}/api/health`)).json()) as {
      override?: { allowed: boolean };
    };
    expect(health.override).toEqual({ allowed: false });
  });

  it('the proxy health endpoint feeds the availability tracker', async () => {
    const { orch } = makeOrchestrator({
      baseUrl: proxy.url,
      fetchHealth: async () => (await fetch(`${proxy.url}/api/health`)).json(),
    });
    const h = await orch.health();
    expect(h).toMatchObject({
      online: true,
      frontier: { configured: true, available: true },
      private: { configured: false },
    });
  });
});

/**
 * One decision everywhere: the browser runs the proxy's re-scan on what it is about to send and
 * redacts again on a finding, so the proxy never blocks what the browser decided to send.
 */
describe('whatever the browser sends, the proxy re-scan accepts', () => {
  it("the issue's example: an invoice number that reads as a phone once the name is a placeholder", async () => {
    stub.setBehaviour({ kind: 'normal', echo: true });
    stub.clear();
    const { orch } = makeOrchestrator({ baseUrl: proxy.url });
    const text =
      'Draft a reply to Maria Gonzalez (maria.g@example.com, +34 612 345 678) about her invoice 2024-117.';
    const r = await orch.send({ conversationId: 'inv', text });
    expect(r.error, JSON.stringify(r.steps)).toBeUndefined();
    expect(r.status).toBe('complete');
    const sent = JSON.stringify(stub.chatRequests().map((q) => q.json));
    // (No NER stage here: the surname is the model stage's to find.)
    for (const v of ['maria.g@example.com', '612 345 678', '2024-117'])
      expect(sent).not.toContain(v);
  });

  // Pieces of requests people write, with values of every family the pattern stage knows.
  const piece = fc.constantFrom(
    'Draft a reply to Maria Gonzalez',
    '(maria.g@example.com, +34 612 345 678)',
    'about her invoice 2024-117.',
    'Call me on 0612 34 56 78 after 5.',
    'Order 2024-118-77 shipped on 12 March 2024.',
    'Card 4111 1111 1111 1111, expiry 09/27.',
    'IBAN DE89 3704 0044 0532 0130 00 please.',
    'Ticket 44-1290-33 for Jonas Berg',
    'jonas.berg@acme.example wrote:',
    'SSN 853-37-1694.',
    'He lives at 12 Main St, 8000 Aarhus.',
    'Version 2.4.1 was released in 2019.',
    'Ref. 30 12 2025 / 118',
    'Ring 45 20 30 40 50 tomorrow.',
    'What is the capital of Australia?',
    'Thanks, Ann Lee.',
  );
  const request = fc
    .array(fc.tuple(piece, fc.constantFrom(' ', '\n', ', ', ' - ', '')), {
      minLength: 1,
      maxLength: 5,
    })
    .map((parts) =>
      parts
        .map(([p, sep]) => p + sep)
        .join('')
        .trim(),
    );

  it('random requests: the browser sends redacted or not at all; the proxy never refuses (422)', async () => {
    stub.setBehaviour({ kind: 'normal', echo: true });
    const { orch } = makeOrchestrator({ baseUrl: proxy.url });
    let sentCount = 0;
    await fc.assert(
      fc.asyncProperty(request, async (text) => {
        const r = await orch.send({ conversationId: `prop-${sentCount}`, text });
        // Never a refusal by the proxy's re-scan after the browser decided to send.
        expect(r.error?.code, `${text}\n${JSON.stringify(r.steps)}`).not.toBe('pii_detected');
        // Nor does the browser give up on its own re-scan: it redacts again instead.
        expect(r.error?.code, `${text}\n${JSON.stringify(r.steps)}`).not.toBe('pii_remaining');
        if (r.leftDevice.length) {
          sentCount++;
          expect(r.status, `${text}\n${JSON.stringify(r.steps)}`).toBe('complete');
        }
      }),
      { numRuns: 60, seed: 16 },
    );
    // The property is about sends: most of these requests do leave, redacted.
    expect(sentCount).toBeGreaterThan(30);
  });

  it('random conversations (instructions, turns, message) go as messages the proxy accepts, no value in any', async () => {
    stub.setBehaviour({ kind: 'normal', echo: true });
    const { orch } = makeOrchestrator({ baseUrl: proxy.url });
    const conversation = fc.record({
      instructions: fc.array(request, { maxLength: 1 }),
      turns: fc.array(request, { minLength: 1, maxLength: 4 }),
      text: request,
    });
    let n = 0;
    let sentCount = 0;
    await fc.assert(
      fc.asyncProperty(conversation, async ({ instructions, turns, text }) => {
        stub.clear();
        const history = turns.map((content, i) => ({
          role: i % 2 ? ('assistant' as const) : ('user' as const),
          content,
        }));
        const r = await orch.send({ conversationId: `conv-${n++}`, text, history, instructions });
        const why = `${JSON.stringify({ instructions, history, text })}\n${JSON.stringify(r.steps)}`;
        expect(r.error?.code, why).not.toBe('pii_detected');
        expect(r.error?.code, why).not.toBe('pii_remaining');
        if (!r.leftDevice.length) return;
        sentCount++;
        expect(r.status, why).toBe('complete');
        const sent = (stub.chatRequests()[0]?.json as { messages: { role: string }[] }).messages;
        // every turn and instruction went as its own message, in order
        expect(sent.filter((m) => m.role !== 'system').map((m) => m.role)).toEqual([
          ...history.map((m) => m.role),
          'user',
        ]);
        for (const v of ['maria.g@example.com', '4111 1111 1111 1111', '853-37-1694'])
          expect(JSON.stringify(sent), why).not.toContain(v);
      }),
      { numRuns: 30, seed: 16 },
    );
    expect(sentCount).toBeGreaterThan(10);
  });
});

describe("the browser scans at the proxy's re-scan threshold, from its /api/health", () => {
  it('a proxy stricter than the policy (RESCAN_THRESHOLD=0.3): what it would find is redacted first', async () => {
    const strict = await startProxy({ RESCAN_THRESHOLD: '0.3' });
    try {
      stub.setBehaviour({ kind: 'normal', echo: true });
      stub.clear();
      const health = (await (await fetch(`${strict.url}/api/health`)).json()) as {
        rescan?: { threshold: number };
      };
      expect(health.rescan).toEqual({ threshold: 0.3 });
      const { orch } = makeOrchestrator({
        baseUrl: strict.url,
        local: undefined,
        fetchHealth: async () => (await fetch(`${strict.url}/api/health`)).json(),
      });
      expect((await orch.health()).proxyThreshold).toBe(0.3);
      // "since 2019" scores 0.4: below the policy's 0.5, above this proxy's 0.3
      const text = 'Python has been popular since 2019. Summarise why in two sentences.';
      const r = await orch.send({ conversationId: 'strict', text });
      expect(r.status).toBe('complete');
      const sent = JSON.stringify(stub.chatRequests().map((q) => q.json));
      expect(sent).not.toContain('2019');
      expect(sent).toContain('[DATE_1]');
    } finally {
      await strict.close();
    }
  });
});
