import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, safeUrl } from '../Markdown';

const render = (text: string) => renderToStaticMarkup(<Markdown text={text} />);

/** Every attribute name in the markup. */
const attributeNames = (html: string) =>
  [...html.matchAll(/<[a-z][^>]*>/gi)].flatMap((tag) =>
    [...tag[0].matchAll(/\s([a-z-:]+)=/gi)].map((m) => (m[1] ?? '').toLowerCase()),
  );

describe('<Markdown>', () => {
  it('shows a <script> block as text and never emits a script element', () => {
    const html = render('Before\n\n<script>alert(1)</script>\n\nAfter');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('After');
  });

  it('shows inline <img onerror> as text: no img element, no on* attribute', () => {
    const html = render('Look <img src=x onerror=alert(1)> here');
    expect(html).not.toMatch(/<img/i);
    expect(attributeNames(html).filter((a) => a.startsWith('on'))).toEqual([]);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('drops javascript: links, keeping their text', () => {
    for (const src of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](data:text/html,<script>alert(1)</script>)',
      '[x](vbscript:msgbox)',
      '<javascript:alert(1)>',
    ]) {
      const html = render(src);
      expect(html, src).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
      expect(html, src).not.toMatch(/<a /);
    }
    expect(render('[x](javascript:alert(1))')).toContain('>x</span>');
  });

  it('opens safe links in a new tab without opener or referrer', () => {
    const html = render('[docs](https://example.com/a?b=1)');
    expect(html).toContain(
      '<a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer">docs</a>',
    );
  });

  it('never loads images: they become links to the image', () => {
    const html = render('![a chart](https://tracker.example/pixel.png)');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('href="https://tracker.example/pixel.png"');
    expect(html).toContain('Image: a chart');
    expect(render('![x](javascript:alert(1))')).not.toMatch(/javascript:/);
  });

  it('highlights fenced code of a registered language and adds a Copy button', () => {
    const html = render('```ts\nconst answer: number = 42; // yes\n```');
    expect(html).toContain('class="hljs language-ts"');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain('<span class="hljs-comment">// yes</span>');
    expect(html).toMatch(/<button[^>]*>Copy<span class="visually-hidden"> code<\/span><\/button>/);
  });

  it('skips highlighting while streaming, keeping the Copy button', () => {
    const html = renderToStaticMarkup(<Markdown text={'```ts\nconst a = 1;\n```'} streaming />);
    expect(html).not.toContain('hljs');
    expect(html).toContain('const a = 1;');
    expect(html).toContain('>Copy<');
  });

  it('leaves code in unknown languages plain, escaped', () => {
    const html = render('```brainfuck\n<b>++</b>\n```');
    expect(html).toContain('&lt;b&gt;++&lt;/b&gt;');
    expect(html).not.toContain('hljs-');
  });

  it('renders GFM tables in a scrollable region, and GFM autolinks stay filtered', () => {
    const html = render('| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain(
      '<div class="md-table" tabindex="0" role="region" aria-label="Table"><table>',
    );
    expect(html).toContain('<td>1</td>');
    expect(render('see www.example.com')).toContain('href="http://www.example.com"');
    expect(render('~~gone~~')).toContain('<del>gone</del>');
  });

  it('renders inline code and escapes HTML inside it', () => {
    const html = render('Use `<script>` carefully');
    expect(html).toContain('<code>&lt;script&gt;</code>');
  });
});

describe('safeUrl', () => {
  it('keeps http, https, mailto and relative URLs; drops other schemes', () => {
    expect(safeUrl('https://a.example')).toBe('https://a.example');
    expect(safeUrl('mailto:a@b.example')).toBe('mailto:a@b.example');
    expect(safeUrl('/relative')).toBe('/relative');
    expect(safeUrl('javascript:alert(1)')).toBe('');
    expect(safeUrl('file:///etc/passwd')).toBe('');
    expect(safeUrl('blob:https://x/1')).toBe('');
  });
});
