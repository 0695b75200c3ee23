/** IPv4 dotted quads and IPv6 (with "::" and embedded v4), validated. */
import { isValidIpv4, isValidIpv6 } from '../validators';
import { matches, type Recognizer } from './shared';

const IPV4_RE = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\.?\d)/g;
const IPV6_RE =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g;

export const ip: Recognizer = (t, out) => {
  for (const m of matches(IPV4_RE, t)) {
    if (!isValidIpv4(m[0])) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: 'IP_ADDRESS',
      score: 0.8,
      recognizer: 'ipv4',
      context: ['ip', 'address', 'host', 'server', 'client', 'addr'],
      negative: ['version', 'v.'],
    });
  }
  for (const m of matches(IPV6_RE, t)) {
    const s = m[0];
    if (s.length < 3 || !isValidIpv6(s)) continue;
    if ((s.match(/:/g) ?? []).length < 2 || !/[0-9a-fA-F]/.test(s)) continue;
    out.push({
      start: m.index,
      end: m.index + s.length,
      type: 'IP_ADDRESS',
      score: 0.8,
      recognizer: 'ipv6',
    });
  }
};
