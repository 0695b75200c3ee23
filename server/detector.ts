/**
 * The re-scan detector: src/core's pattern stage (regexes plus validators), the same code the
 * browser runs before anything leaves the device. The embedded NER model is not run here: it is
 * asynchronous and costs milliseconds per request, outside the proxy's latency budget (see
 * docs/proxy.md). Pure TypeScript, so it works on an edge runtime too.
 */
import { DEFAULT_THRESHOLD, detectPatterns } from '../src/core/pii';
import type { Detector } from './rescan';

export const detector: Detector = (text, options) => detectPatterns(text, options);

/**
 * One call with something of every family, made when the proxy starts: V8 compiles the
 * detector's large Unicode regular expressions (and libphonenumber its metadata) on first use,
 * which would otherwise add a few hundred milliseconds to the first request.
 */
export function warmUpDetector(): void {
  detectPatterns(
    'Warm-up: Mr. Ann Lee, ann@example.com, +1 415 555 0132, 0612 34 56 78, 4111 1111 1111 1111, ' +
      'DE89 3704 0044 0532 0130 00, SSN 853-37-1694, 12 Main St, 8000 Aarhus, Hauptstraße 5, ' +
      'on Monday 12 March 2024, api_key=Zx81hQ2mP0, @handle, https://example.com, 10.0.0.1',
  );
}

export { DEFAULT_THRESHOLD };
