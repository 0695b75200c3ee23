/** URLs (schemes, "www.") and bare domains with common top-level domains. */
import { matches, type Recognizer } from './shared';

const URL_RE = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'`{}|\\^[\]]{1,2048}/gi;
const TLD_RE =
  /\.(?:com|org|net|edu|gov|io|ai|app|dev|co|info|biz|de|uk|nl|fr|es|pt|br|dk|se|no|fi|it|be|at|ch|pl|cz|eu|us|ca|au|nz|jp|cn|in|ru|hu|gr|ie|lu|me|tv)(?![\w@-]|\.\w)/g;

export const url: Recognizer = (t, out) => {
  for (const m of matches(URL_RE, t)) {
    let e = m.index + m[0].length;
    while (e > m.index && /[.,;:!?)'"]/.test(t.charAt(e - 1))) {
      if (t.charAt(e - 1) === ')' && m[0].includes('(')) break;
      e--;
    }
    if (e - m.index < 8) continue;
    out.push({ start: m.index, end: e, type: 'URL', score: 0.85, recognizer: 'url' });
  }
  // bare domains ("example.com/path"): anchor on ".tld", then expand left over host characters
  for (const m of matches(TLD_RE, t)) {
    let s = m.index;
    let steps = 0;
    while (s > 0 && steps < 253 && /[A-Za-z0-9.-]/.test(t.charAt(s - 1))) {
      s--;
      steps++;
    }
    if (s > 0 && /[@/\w]/.test(t.charAt(s - 1))) continue; // part of an email/URL/word
    while (s < m.index && (t[s] === '.' || t[s] === '-')) s++;
    if (s === m.index) continue;
    let e = m.index + m[0].length;
    if (t.charAt(e) === '/') {
      while (e < t.length && e - m.index < 2048 && /[^\s<>"'`{}|\\^[\]]/.test(t.charAt(e))) e++;
      while (e > m.index && /[.,;:!?)'"]/.test(t.charAt(e - 1))) e--;
    }
    out.push({ start: s, end: e, type: 'URL', score: 0.6, recognizer: 'domain' });
  }
};
