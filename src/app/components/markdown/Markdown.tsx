/**
 * Renders a model's answer as Markdown without ever executing or injecting HTML from it:
 * - raw HTML in the text is shown as literal text (never parsed into elements; no rehype-raw);
 * - links open in a new tab with rel="noopener noreferrer"; unsafe schemes (javascript:, data:,
 *   vbscript:...) are dropped by react-markdown's URL filter and render as plain text;
 * - images are never loaded (a remote image would tell its server what was asked, and the CSP
 *   blocks it anyway): they are shown as a link to the image instead;
 * - fenced code is highlighted (see ./highlight) and has a Copy button;
 * - GitHub-flavoured tables, task lists and strikethrough (remark-gfm); wide tables scroll.
 */
import type { Root as MdRoot, RootContent as MdContent } from 'mdast';
import { memo } from 'react';
import ReactMarkdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock';
import { rehypeHighlightSome, textOf } from './highlight';
import './markdown.css';

/** remark plugin: turn raw HTML nodes into text nodes, so `<script>` shows as the characters. */
function remarkHtmlAsText() {
  const walk = (node: MdRoot | MdContent): void => {
    if (node.type === 'html') {
      (node as unknown as { type: string }).type = 'text';
      return;
    }
    if ('children' in node) node.children.forEach(walk);
  };
  return (tree: MdRoot) => walk(tree);
}

/** Only http(s) and mailto links survive; everything else becomes plain text. */
export function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url);
  if (!cleaned) return '';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') return '';
  return cleaned;
}

const components: Components = {
  a({ href, children }) {
    if (!href) return <span className="md-dead-link">{children}</span>;
    return (
      <a href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    );
  },
  img({ src, alt }) {
    const label = alt ? `Image: ${alt}` : 'Image';
    if (typeof src !== 'string' || !src) return <span className="md-image">[{label}]</span>;
    return (
      <a className="md-image" href={src} target="_blank" rel="noopener noreferrer">
        [{label}, not loaded: open link]
      </a>
    );
  },
  table({ children }) {
    // Wide tables scroll inside the answer instead of widening the page (360 px screens).
    return (
      <div className="md-table" tabIndex={0} role="region" aria-label="Table">
        <table>{children}</table>
      </div>
    );
  },
  pre({ node, children }) {
    const code = node?.children.find((c) => c.type === 'element' && c.tagName === 'code');
    return <CodeBlock text={code ? textOf(code) : ''}>{children}</CodeBlock>;
  },
};

export interface MarkdownProps {
  /** Markdown source, e.g. a model's answer (possibly still streaming). */
  text: string;
  /**
   * True while tokens are still arriving: code is left unhighlighted until the answer is complete,
   * since re-highlighting every block on every token is the expensive part of a re-render.
   */
  streaming?: boolean;
  className?: string;
}

const REMARK = [remarkGfm, remarkHtmlAsText];
const REHYPE_HIGHLIGHT = [rehypeHighlightSome];
const REHYPE_NONE: [] = [];

/** A model answer rendered as inert Markdown. */
export const Markdown = memo(function Markdown({ text, streaming, className }: MarkdownProps) {
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      <ReactMarkdown
        remarkPlugins={REMARK}
        rehypePlugins={streaming ? REHYPE_NONE : REHYPE_HIGHLIGHT}
        components={components}
        urlTransform={safeUrl}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
