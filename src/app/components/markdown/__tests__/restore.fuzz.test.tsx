/**
 * Fuzz test of the Markdown and restore path (issue 15): answers assembled from Markdown syntax,
 * URLs and placeholders in every spelling restore() accepts, streamed through the real
 * StreamRestorer in random chunks and rendered by the real Markdown with the real Vault. Whatever
 * the answer, no attribute of the rendered HTML carries a real value. Bounded in runs and time.
 */
import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../../core/pii';
import { StreamRestorer } from '../../../../orchestrator/stream-restorer';
import { answerRestorer } from '../answer-restorer';
import { Markdown } from '../Markdown';

const VALUES = {
  PERSON: 'Quentin Vasquez',
  EMAIL: 'q.vasquez@mailbox.example',
  PHONE: '+49 30 9876 5432',
  CREDIT_CARD: '5500 0055 5555 5559',
} as const;

function vault(): Vault {
  const v = new Vault();
  for (const [type, value] of Object.entries(VALUES)) {
    v.placeholderFor(type as keyof typeof VALUES, value);
  }
  return v;
}

const PLACEHOLDER = fc
  .tuple(
    fc.constantFrom('PERSON', 'EMAIL', 'PHONE', 'CREDIT_CARD', 'person', 'Email', 'CREDIT CARD'),
    fc.constantFrom('_', '-', ' ', ''),
    fc.constantFrom('1', '2'),
    fc.constantFrom(
      ['[', ']'],
      ['(', ')'],
      ['{', '}'],
      ['<', '>'],
      ['', ''],
      ['[ ', ' ]'],
      ['[', ''],
    ),
  )
  .map(([type, sep, n, [open, close]]) => `${open}${type}${sep}${n}${close}`);

const SYNTAX = fc.constantFrom(
  '[',
  ']',
  '](',
  ')',
  '<',
  '>',
  '![',
  '[r]',
  '[r]: ',
  '\n\n[r]: https://evil.example/r?x=',
  '(https://evil.example/?q=',
  '<https://evil.example/a?m=',
  'https://evil.example/b?t=',
  'mailto:',
  'www.evil.example/',
  ' "title ',
  '"',
  '?',
  '&',
  '=',
  '%5B',
  '%5D',
  '\\',
  '`',
  '```\n',
  '\n',
  ' ',
  '*',
  '_',
  '|',
  '[^n]',
  '&amp;',
  '&#91;',
);

const WORD = fc.constantFrom('Open', 'statement', 'see', 'the', 'link', 'here', 'x');

const ANSWER = fc
  .array(fc.oneof({ weight: 3, arbitrary: PLACEHOLDER }, { weight: 5, arbitrary: SYNTAX }, WORD), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));

const digits = (s: string) => s.replace(/\D/g, '');

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributeValues(html: string): string[] {
  return [...html.matchAll(/\s[a-z-:]+="([^"]*)"/gi)].map((m) => {
    const v = decodeEntities(m[1] ?? '');
    try {
      return decodeURIComponent(v);
    } catch {
      return v;
    }
  });
}

function carriesValue(s: string): boolean {
  const lower = s.toLowerCase();
  return (
    lower.includes(VALUES.EMAIL) ||
    lower.includes('vasquez') ||
    digits(s).includes(digits(VALUES.PHONE)) ||
    digits(s).includes(digits(VALUES.CREDIT_CARD))
  );
}

describe('fuzz: Markdown and restore', () => {
  it('no rendered attribute ever carries a real value, however the answer is written and streamed', () => {
    const v = vault();
    const restorer = answerRestorer(v);
    fc.assert(
      fc.property(
        ANSWER,
        fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 30 }),
        (answer, sizes) => {
          let shown = '';
          const stream = new StreamRestorer(v, (d) => (shown += d));
          let at = 0;
          for (const size of sizes) {
            stream.push(answer.slice(at, at + size));
            at += size;
          }
          stream.push(answer.slice(at));
          stream.finish();
          // The answer is passed on exactly as written.
          expect(shown).toBe(answer);
          const html = renderToStaticMarkup(<Markdown text={shown} restorer={restorer} />);
          for (const value of attributeValues(html)) expect(carriesValue(value), value).toBe(false);
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 15_000 },
    );
  }, 60_000);
});
