/**
 * The whole path over loopback: orchestrator -> the real proxy (server/, with its fail-closed
 * re-scan) -> the stub upstream. The server modules are loaded dynamically for the same reason
 * as stub.ts (they belong to the node TypeScript project).
 */
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

beforeAll(async () => {
  stub = await startStubUpstream();
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
    },
    { version: 't', staticRoot: 'dist' },
  );
  proxy = await startNodeServer({ config, detector, logger: () => undefined });
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
