/**
 * The re-scan detector: src/core's pattern stage (regexes plus validators), the same code the
 * browser runs before anything leaves the device. The embedded NER model is not run here: it is
 * asynchronous and costs milliseconds per request, outside the proxy's latency budget (see
 * docs/proxy.md). Pure TypeScript, so it works on an edge runtime too.
 */
import { DEFAULT_THRESHOLD, detectPatterns } from '../src/core/pii';
import type { Detector } from './rescan';

export const detector: Detector = (text, options) => detectPatterns(text, options);

export { DEFAULT_THRESHOLD };
