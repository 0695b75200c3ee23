/** Ports of the e2e servers; shared by playwright.config.ts and the specs. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 8790);
/** A second server of the same build with a cloud tier: the stub upstream on STUB_PORT. */
export const CLOUD_PORT = E2E_PORT + 1;
export const STUB_PORT = E2E_PORT + 2;
export const STUB_KEY = 'stub-key-never-in-the-browser';
/** The same cloud server but requiring an access token (PROXY_TOKEN). */
export const TOKEN_PORT = E2E_PORT + 3;
export const PROXY_TOKEN = 'team-token-123';
