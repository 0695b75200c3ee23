import type { MiddlewareHandler } from 'hono';

/**
 * Hosts the production app may download models from when the user asks (web-llm's prebuilt
 * catalog: weights on Hugging Face, model libraries on GitHub). Self-hosted model servers are
 * added with EXTRA_CONNECT_SRC.
 */
const MODEL_HOSTS = [
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  'https://raw.githubusercontent.com',
];

/**
 * Strict headers on every response. No inline script anywhere; 'wasm-unsafe-eval' is needed to
 * compile WebAssembly (onnxruntime-web, web-llm's model libraries). No COOP/COEP isolation: nothing
 * needs SharedArrayBuffer (the NER model runs single-threaded), and isolation would block model
 * downloads from hosts that do not send CORP headers.
 */
export function securityHeaderRecord(extraConnectSrc: readonly string[]): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${[...MODEL_HOSTS, ...extraConnectSrc].join(' ')}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    // language-model: Chrome's built-in model (Prompt API) for this origin only; frames never embed us.
    'Permissions-Policy':
      'camera=(), microphone=(), geolocation=(), payment=(), language-model=(self)',
  };
}

/** Responses built with securityHeaderRecord's headers already (the proxy's API routes). */
const secured = new WeakSet<Response>();

/** Marks a response whose headers include securityHeaderRecord's, so the middleware skips it. */
export function markSecured(res: Response): Response {
  secured.add(res);
  return res;
}

export function securityHeaders(extraConnectSrc: readonly string[]): MiddlewareHandler {
  const headers = Object.entries(securityHeaderRecord(extraConnectSrc));
  return async (c, next) => {
    await next();
    if (secured.has(c.res)) return;
    // Set them on the response itself: c.header() after the handler rebuilds the Response once
    // per call (turning an in-memory body into a stream), which costs more than the whole proxy
    // logic. Responses with immutable headers (e.g. straight from fetch) take the slow path.
    try {
      const target = c.res.headers;
      for (const [name, value] of headers) target.set(name, value);
    } catch {
      for (const [name, value] of headers) c.header(name, value);
    }
  };
}
