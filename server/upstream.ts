/**
 * How the proxy talks to an upstream provider: a small transport interface instead of `fetch`,
 * so the Node entry can use a cheaper HTTP client (upstream-undici.ts) while the Hono app stays
 * runtime-neutral. `fetchTransport` is the default and what edge runtimes use.
 *
 * The contract every transport keeps (the integration tests hold both to it):
 * - `request` resolves once the response headers are in; it rejects when the upstream cannot be
 *   reached or `abort` fires first.
 * - Firing `abort` later breaks the body: a pending `text()` or `read()` rejects and the
 *   upstream connection is closed, so the provider sees the client go away.
 * - An upstream that closes the connection mid-body makes `text()` / `read()` reject; a body that
 *   ends cleanly reads as done.
 */

/**
 * A one-shot abort with plain callbacks. Used instead of AbortController/AbortSignal on the
 * request path because, on Node, adding and removing an AbortSignal listener costs several
 * microseconds each (EventTarget), and a proxied request needed three such pairs: tens of
 * microseconds per request, a tenth of the proxy's CPU budget. Transports that need a real
 * AbortSignal (fetch) bridge to one.
 */
export class AbortHandle {
  aborted = false;
  reason: Error | undefined;
  private listeners: ((reason: Error) => void)[] = [];

  abort(reason: Error): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const fn of listeners) fn(reason);
  }

  /** Calls `fn` once on abort (at once if already aborted); returns the unsubscribe function. */
  onAbort(fn: (reason: Error) => void): () => void {
    if (this.aborted) {
      fn(this.reason ?? new Error('aborted'));
      return () => {};
    }
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Aborts after `ms` unless aborted first (for one-off requests such as health probes). */
  static timeout(ms: number): AbortHandle {
    const handle = new AbortHandle();
    const timer = setTimeout(() => handle.abort(new Error('timeout')), ms);
    handle.onAbort(() => clearTimeout(timer));
    return handle;
  }
}

/** One request to the upstream. Header names as the proxy writes them. */
export interface UpstreamRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  abort: AbortHandle;
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
      const controller = new AbortController();
      r.abort.onAbort((reason) => controller.abort(reason));
      const res = await fetchImpl(r.url, {
        method: r.method,
        headers: r.headers,
        body: r.body,
        signal: controller.signal,
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
