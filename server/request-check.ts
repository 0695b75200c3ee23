/**
 * Everything the proxy does with a chat request's body before it may leave: decode, parse, check
 * the nesting depth and the schema, re-scan every forwarded string (alone and joined), apply a
 * confirmed override, and build the body sent upstream. All of it costs time in proportion to the
 * body, so on Node it runs in a re-scan worker thread with a time budget (rescan-pool.ts), and the
 * event loop only moves bytes. Runtime-neutral: elsewhere the app runs it inline (`inlineChecker`).
 */
import {
  MAX_JSON_DEPTH,
  nestsDeeperThan,
  parseChatRequest,
  textsOf,
  upstreamBody,
} from './chat-request';
import type { Detector, RescanVerdict } from './rescan';
import { applyOverride, rescan } from './rescan';

export interface CheckOptions {
  /** The tier's model, which replaces the client's. */
  model: string;
  maxTokensCap: number;
  /** The re-scan threshold; undefined: the detector's default. */
  threshold: number | undefined;
  /** The user confirmed sending personal values (allowed by the server): secrets still block. */
  override: boolean;
}

/** The re-scan of the forwarded strings (src/core scanForwarded, with or without the model). */
export type TextScan = (
  texts: string[],
  threshold: number | undefined,
) =>
  | Extract<RescanVerdict, { verdict: 'clean' | 'blocked' | 'failed' }>
  | Promise<Extract<RescanVerdict, { verdict: 'clean' | 'blocked' | 'failed' }>>;

export type CheckResult =
  /** Not a request the proxy accepts: 400 with this code. */
  | {
      kind: 'invalid';
      code: 'invalid_json' | 'invalid_request' | 'too_deeply_nested';
      message: string;
      extra: Record<string, unknown>;
    }
  /** Checked: `body` is what to send upstream, present only when the verdict lets it go. */
  | { kind: 'checked'; stream: boolean; verdict: RescanVerdict; body?: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function invalid(
  code: Extract<CheckResult, { kind: 'invalid' }>['code'],
  message: string,
  extra: Record<string, unknown> = {},
): CheckResult {
  return { kind: 'invalid', code, message, extra };
}

export async function checkRequest(
  bytes: Uint8Array,
  options: CheckOptions,
  scan: TextScan,
): Promise<CheckResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return invalid('invalid_json', 'The body is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return invalid('invalid_request', 'The body must be a JSON object');
  }
  // Before anything walks it recursively (JSON.stringify would run out of stack).
  if (nestsDeeperThan(parsed, MAX_JSON_DEPTH)) {
    return invalid(
      'too_deeply_nested',
      `The body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep`,
      { max_depth: MAX_JSON_DEPTH },
    );
  }
  const original = parsed as Record<string, unknown>;
  const request = parseChatRequest(original);
  if (!request.ok) {
    return invalid('invalid_request', request.message, { issues: request.issues });
  }
  const stream = request.request.stream === true;
  const scanned = await scan(textsOf(request.request), options.threshold);
  const verdict = options.override ? applyOverride(scanned) : scanned;
  if (verdict.verdict !== 'clean' && verdict.verdict !== 'overridden') {
    return { kind: 'checked', stream, verdict };
  }
  const body = JSON.stringify(
    upstreamBody(original, request.request, options.model, options.maxTokensCap),
  );
  return { kind: 'checked', stream, verdict, body };
}

/**
 * What checking a request came to: a result, or no result. 'timeout': the check outlived its time
 * (or memory) budget; 'busy': every worker is taken and the queue is full, or the request waited
 * too long for one; 'failed': the check could not run (fail closed).
 */
export type CheckOutcome =
  CheckResult | { kind: 'timeout' } | { kind: 'busy' } | { kind: 'failed' };

/** Runs checkRequest somewhere: a worker pool (rescan-pool.ts) or inline. */
export interface RequestChecker {
  check(bytes: Uint8Array, options: CheckOptions): Promise<CheckOutcome>;
  /** False when a check submitted now would be refused as busy (asked before the body is read). */
  hasCapacity(): boolean;
  close?(): Promise<void>;
}

/**
 * Checks on the calling thread. For runtimes without worker threads (an edge runtime, whose own
 * CPU limit per request is then the budget) and for tests of the app alone; the Node entry never
 * uses it. Without a detector every request fails closed.
 */
export function inlineChecker(detect: Detector | undefined): RequestChecker {
  return {
    check: async (bytes, options) =>
      detect
        ? checkRequest(bytes, options, (texts, threshold) => rescan(texts, detect, threshold))
        : { kind: 'failed' },
    hasCapacity: () => true,
  };
}
