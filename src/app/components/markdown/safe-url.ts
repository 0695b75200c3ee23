import { defaultUrlTransform } from 'react-markdown';

/** Only http(s) and mailto links survive; everything else becomes plain text. */
export function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url);
  if (!cleaned) return '';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') return '';
  return cleaned;
}
