import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { readConfig } from '../config';
import { setCacheHeaders } from '../cache-policy';

function builtAppFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Hearth</title>');
  writeFileSync(path.join(dir, 'sw.js'), 'self.addEventListener("install", () => {});');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js.map'), '{"sourcesContent":["secret"]}');
  return dir;
}

function appFor(env: Record<string, string> = {}, clientAddress?: string) {
  const root = path.relative(process.cwd(), builtAppFixture());
  const config = readConfig(env, { version: '9.9.9', staticRoot: root });
  return createApp({
    config,
    logger: () => {},
    staticFiles: serveStatic({ root, onFound: setCacheHeaders }),
    appShell: serveStatic({ root, rewriteRequestPath: () => '/index.html' }),
    ...(clientAddress ? { clientAddress: () => clientAddress } : {}),
  });
}

describe('GET /api/health', () => {
  it('reports local-only mode when no cloud is configured', async () => {
    const res = await appFor().request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      version: '9.9.9',
      cloud: { configured: false },
      // The app offers "Skip redaction…" only where this is true (ALLOW_UNREDACTED_OVERRIDE).
      override: { allowed: false },
      // The browser scans what it sends at the lower of its policy's threshold and this.
      rescan: { threshold: 0.5 },
      tiers: {
        frontier: { configured: false, reachable: null },
        private: { configured: false, reachable: null },
      },
    });
  });

  it('reports its RESCAN_THRESHOLD, which the browser then scans at', async () => {
    const res = await appFor({ RESCAN_THRESHOLD: '0.3' }).request('/api/health');
    expect(((await res.json()) as { rescan?: unknown }).rescan).toEqual({ threshold: 0.3 });
  });

  it('reports a configured cloud without revealing its key or URL', async () => {
    const res = await appFor({
      CLOUD_BASE_URL: 'https://api.example.test/v1',
      CLOUD_API_KEY: 'sk-secret-value-123',
      CLOUD_MODEL: 'big-model',
      UPSTREAM_TIMEOUT_MS: '200',
    }).request('/api/health');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ cloud: { configured: true } });
    expect(text).not.toContain('sk-secret-value-123');
    expect(text).not.toContain('api.example.test');
  });
});

describe('serving the built app', () => {
  it('caches hashed assets forever and revalidates index.html and sw.js (real HTTP)', async () => {
    const server = serve({ fetch: appFor().fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const get = (p: string) => fetch(`http://127.0.0.1:${port}${p}`);
      const asset = await get('/assets/index-abc123.js');
      expect(asset.status).toBe(200);
      expect(await asset.text()).toBe('console.log(1)');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await get('/sw.js')).headers.get('cache-control')).toBe('no-cache');
      expect((await get('/index.html')).headers.get('cache-control')).toBe('no-cache');
    } finally {
      server.close();
    }
  });

  it('serves the shell for client-side routes but 404s missing files and unknown API paths', async () => {
    const app = appFor();
    const route = await app.request('/audit');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Hearth</title>');

    expect((await app.request('/assets/missing-123.js')).status).toBe(404);

    const api = await app.request('/api/does-not-exist', { method: 'POST' });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('sends a strict CSP without inline script on every response', async () => {
    for (const p of ['/', '/api/health', '/api/nope']) {
      const csp = (await appFor().request(p)).headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
    }
  });

  it("allows Chrome's built-in model (Prompt API) for the app's own origin only", async () => {
    for (const p of ['/', '/models', '/api/health']) {
      const policy = (await appFor().request(p)).headers.get('permissions-policy') ?? '';
      expect(policy).toContain('language-model=(self)');
      expect(policy).toContain('camera=()');
    }
  });
});

describe('readConfig', () => {
  it('defaults PORT to 8787 and rejects bad values', () => {
    expect(readConfig({}, { version: '1', staticRoot: 'dist' }).port).toBe(8787);
    expect(() => readConfig({ PORT: 'eighty' }, { version: '1', staticRoot: 'dist' })).toThrow(
      /PORT/,
    );
    expect(() => readConfig({ PORT: '70000' }, { version: '1', staticRoot: 'dist' })).toThrow(
      /PORT/,
    );
  });

  it('requires base URL and model together and refuses credentials in the URL', () => {
    const d = { version: '1', staticRoot: 'dist' };
    expect(() => readConfig({ CLOUD_BASE_URL: 'https://x.test' }, d)).toThrow(/together/);
    expect(() => readConfig({ CLOUD_BASE_URL: 'ftp://x.test', CLOUD_MODEL: 'm' }, d)).toThrow(
      /http/,
    );
    expect(() => readConfig({ CLOUD_BASE_URL: 'https://u:p@x.test', CLOUD_MODEL: 'm' }, d)).toThrow(
      /credentials/,
    );
    expect(
      readConfig({ CLOUD_BASE_URL: 'https://x.test/v1/', CLOUD_MODEL: 'm' }, d).frontier,
    ).toEqual({
      baseUrl: 'https://x.test/v1',
      apiKey: undefined,
      model: 'm',
    });
  });
});

describe('what is never served', () => {
  it('source maps: 404 although the build keeps them beside the bundles', async () => {
    const app = appFor();
    expect((await app.request('/assets/index-abc123.js')).status).toBe(200);
    const map = await app.request('/assets/index-abc123.js.map');
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('secret');
  });

  it('metrics without a token: only to a peer on this host', async () => {
    expect((await appFor({}, '127.0.0.1').request('/api/metrics')).status).toBe(200);
    expect((await appFor({}, '203.0.113.5').request('/api/metrics')).status).toBe(403);
    // A runtime that cannot tell the peer (an edge runtime) serves them to nobody.
    expect((await appFor().request('/api/metrics')).status).toBe(403);
    const withToken = appFor({ METRICS_TOKEN: 't' }, '203.0.113.5');
    const res = await withToken.request('/api/metrics', { headers: { Authorization: 'Bearer t' } });
    expect(res.status).toBe(200);
  });
});
