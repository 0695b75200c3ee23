/**
 * The only way the page talks to a cloud model: the proxy's OpenAI-compatible endpoint, streamed as
 * SSE (parsed with eventsource-parser). Runs in the page (and in Node tests: fetch only).
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ChatMessage } from '../core/local-model/api';
import type { CloudTier } from '../core/policy/schema';
import { CloudError } from './errors';

export interface CloudRequest {
  tier: CloudTier;
  messages: ChatMessage[];
  maxTokens?: number;
  /** The user confirmed sending personal values as they are (the proxy must allow it). */
  override?: 'unredacted';
}

export interface CloudResult {
  text: string;
  finishReason: string | null;
  usage?: { promptTokens: number; completionTokens: number };
}

export interface CloudClientOptions {
  /** Origin of the app/proxy, e.g. '' in the browser or 'http://127.0.0.1:8787' in Node. */
  baseUrl?: string;
  /** Longest wait for the response headers or between two chunks, ms. */
  idleTimeoutMs?: number;
  fetch?: typeof fetch;
  /** Bearer token for proxies that require one (PROXY_TOKEN); read at every request. */
  token?: string | (() => string | undefined);
}

export interface CloudClient {
  complete(
    req: CloudRequest,
    onToken: (delta: string) => void,
    signal?: AbortSignal,
  ): Promise<CloudResult>;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

async function errorFrom(res: Response): Promise<CloudError> {
  let code =
    res.status === 429 ? 'rate_limited' : res.status >= 500 ? 'upstream_error' : 'bad_request';
  let message = `the proxy answered ${res.status}`;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // not JSON: keep the status-based code
  }
  if (res.status === 429) code = 'rate_limited';
  return new CloudError(code, message, res.status, parseRetryAfter(res.headers.get('Retry-After')));
}

interface Chunk {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  error?: { code?: string; message?: string };
}

export function createCloudClient(options: CloudClientOptions = {}): CloudClient {
  const doFetch = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const idleMs = options.idleTimeoutMs ?? 30_000;
  return {
    async complete(req, onToken, signal) {
      const ctl = new AbortController();
      let timedOut = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          timedOut = true;
          ctl.abort();
        }, idleMs);
      };
      const onAbort = () => ctl.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) ctl.abort();
      let streamed = false;
      const fail = (err: unknown): CloudError => {
        if (err instanceof CloudError) {
          err.streamed ||= streamed;
          return err;
        }
        if (timedOut)
          return new CloudError(
            'timeout',
            `no answer from the ${req.tier} tier within ${idleMs} ms`,
            undefined,
            undefined,
            streamed,
          );
        if (signal?.aborted)
          return new CloudError('aborted', 'stopped', undefined, undefined, streamed);
        return new CloudError(
          'network',
          err instanceof Error ? err.message : String(err),
          undefined,
          undefined,
          streamed,
        );
      };
      try {
        arm();
        const headers: Record<string, string> = {
          'Content-Type': 'application/json',
          'X-Hearth-Tier': req.tier,
          Accept: 'text/event-stream',
        };
        const token = typeof options.token === 'function' ? options.token() : options.token;
        if (token) headers.Authorization = `Bearer ${token}`;
        if (req.override) headers['X-Hearth-Override'] = req.override;
        const res = await doFetch(`${options.baseUrl ?? ''}/api/v1/chat/completions`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            messages: req.messages,
            stream: true,
            ...(req.maxTokens ? { max_tokens: req.maxTokens } : {}),
          }),
          signal: ctl.signal,
        });
        if (!res.ok) throw await errorFrom(res);
        if (!res.body) throw new CloudError('bad_response', 'the proxy sent no body');
        let text = '';
        let finishReason: string | null = null;
        let done = false;
        let streamError: CloudError | undefined;
        let usage: CloudResult['usage'];
        const parser = createParser({
          onEvent(ev: EventSourceMessage) {
            if (done || streamError) return;
            if (ev.data === '[DONE]') {
              done = true;
              return;
            }
            let chunk: Chunk;
            try {
              chunk = JSON.parse(ev.data) as Chunk;
            } catch {
              streamError = new CloudError(
                'bad_response',
                'the stream carried an event that is not JSON',
              );
              return;
            }
            if (chunk.error) {
              streamError = new CloudError(
                chunk.error.code ?? 'upstream_stream_error',
                chunk.error.message ?? 'the stream failed',
              );
              return;
            }
            const c = chunk.choices?.[0];
            const delta = c?.delta?.content;
            if (delta) {
              text += delta;
              streamed = true;
              onToken(delta);
            }
            if (c?.finish_reason) finishReason = c.finish_reason;
            if (chunk.usage)
              usage = {
                promptTokens: chunk.usage.prompt_tokens ?? 0,
                completionTokens: chunk.usage.completion_tokens ?? 0,
              };
          },
        });
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          arm();
          const { value, done: end } = await reader.read();
          if (end) break;
          parser.feed(value);
          if (streamError || done) break;
        }
        void reader.cancel().catch(() => undefined);
        if (streamError) throw streamError;
        if (!done && finishReason === null) {
          throw new CloudError('upstream_error', 'the stream ended before the answer was complete');
        }
        return usage ? { text, finishReason, usage } : { text, finishReason };
      } catch (err) {
        throw fail(err);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
