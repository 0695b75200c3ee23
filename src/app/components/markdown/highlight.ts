/**
 * Syntax highlighting for fenced code blocks: a rehype plugin on lowlight (highlight.js grammars
 * producing a hast tree), so highlighted code becomes React elements, never an HTML string.
 * Only the grammars below are bundled (rehype-highlight would pull in lowlight's 37 "common"
 * ones); other languages render as plain code.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { createLowlight } from 'lowlight';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const lowlight = createLowlight({
  bash,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  python,
  rust,
  sql,
  typescript,
  xml,
  yaml,
});
lowlight.registerAlias({ bash: ['shell', 'console'], xml: ['html', 'svg'] });

/** The language named by a `language-xyz` class, lower-cased. */
export function languageOf(node: Element): string | undefined {
  const cls: unknown = node.properties.className;
  const list: unknown[] = Array.isArray(cls) ? cls : typeof cls === 'string' ? cls.split(' ') : [];
  for (const c of list) {
    if (typeof c === 'string' && c.startsWith('language-')) return c.slice(9).toLowerCase();
  }
  return undefined;
}

/** The plain text of a hast subtree (what the Copy button copies). */
export function textOf(node: Root | RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((c) => textOf(c)).join('');
  return '';
}

function visitCodeBlocks(node: Root | Element, parent: Root | Element | undefined): void {
  if (
    node.type === 'element' &&
    node.tagName === 'code' &&
    parent?.type === 'element' &&
    parent.tagName === 'pre'
  ) {
    highlightCode(node);
    return;
  }
  for (const child of node.children) {
    if (child.type === 'element') visitCodeBlocks(child, node);
  }
}

function highlightCode(code: Element): void {
  const lang = languageOf(code);
  if (!lang || !lowlight.registered(lang)) return;
  const tree = lowlight.highlight(lang, textOf(code), { prefix: 'hljs-' });
  code.children = tree.children as ElementContent[];
  const cls = Array.isArray(code.properties.className) ? code.properties.className : [];
  code.properties.className = ['hljs', ...cls];
}

/** rehype plugin: highlight `<pre><code class="language-x">` blocks in place. */
export function rehypeHighlightSome() {
  return (tree: Root) => visitCodeBlocks(tree, undefined);
}
