/**
 * How the proxy talks to an upstream provider: a small transport interface instead of `fetch`,
 * so the Node entry can use a cheaper HTTP client (upstream-undici.ts) while the Hono app stays
 * runtime-neutral. `fetchTransport` is the default and what edge runtimes use.
 *
 * The contract every transport keeps (the integration tests hold both to it):
 * - `request` resolves once the response headers are in; it rejects when the upstream cannot be
 *   reached or `signal` aborts first.
 * - Aborting `signal` later breaks the body: a pending `text()` or `read()` rejects and the
 *   upstream connection is closed, so the provider sees the client go away.
 * - An upstream that closes the connection mid-body makes `text()` / `read()` reject; a body that
 *   ends cleanly reads as done.
 */

/** One request to the upstream. Header names as the proxy writes them. */
export interface UpstreamRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export type ReadResult = { done: true; value?: undefined } | { done: false; value: Uint8Array };

/** Pull-based reader of a response body (the shape of a web stream's default reader). */
export interface BodyReader {
  read(): Promise<ReadResult>;
  /** Stops reading and releases the connection; never rejects. */
  cancel(): Promise<void>;
}

export interface UpstreamResponse {
  status: number;
  /** A response header by lower-case name, or undefined. */
  header(name: string): string | undefined;
  /** The whole body as UTF-8 text. */
  text(): Promise<string>;
  /** The body chunk by chunk, as it arrives (for passing SSE through). Call at most once. */
  reader(): BodyReader;
  /** Throws the body away (frees the connection); never rejects. */
  discard(): Promise<void>;
}

export interface UpstreamTransport {
  request(request: UpstreamRequest): Promise<UpstreamResponse>;
  /** Closes idle connections; called when the server stops. */
  close?(): Promise<void>;
}

const emptyReader: BodyReader = {
  read: () => Promise.resolve({ done: true }),
  cancel: () => Promise.resolve(),
};

/** The transport over a WHATWG `fetch` (the global one unless given). */
export function fetchTransport(
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): UpstreamTransport {
  return {
    async request(r) {
      const res = await fetchImpl(r.url, {
        method: r.method,
        headers: r.headers,
        body: r.body,
        signal: r.signal,
      });
      return {
        status: res.status,
        header: (name) => res.headers.get(name) ?? undefined,
        text: () => res.text(),
        reader: () => {
          if (!res.body) return emptyReader;
          const reader = res.body.getReader();
          return {
            read: () => reader.read() as Promise<ReadResult>,
            cancel: () => reader.cancel().catch(() => {}),
          };
        },
        discard: async () => {
          await res.body?.cancel().catch(() => {});
        },
      };
    },
  };
}
