/**
 * Renders a model's answer as Markdown without ever executing or injecting HTML from it:
 * - raw HTML in the text is shown as literal text (never parsed into elements; no rehype-raw);
 * - links open in a new tab with rel="noopener noreferrer"; unsafe schemes (javascript:, data:,
 *   vbscript:...) are dropped by react-markdown's URL filter and render as plain text;
 * - images are never loaded (a remote image would tell its server what was asked, and the CSP
 *   blocks it anyway): they are shown as a link to the image instead;
 * - fenced code is highlighted (see ./highlight) and has a Copy button;
 * - placeholders ([EMAIL_1]) are filled in from the conversation's vault in text nodes only, after
 *   parsing: a link or image target keeps its placeholders, and a link that would carry personal
 *   values asks before opening (./answer-restorer, ./PersonalLink);
 * - GitHub-flavoured tables, task lists and strikethrough (remark-gfm); wide tables scroll.
 */
import type { Root as MdRoot, RootContent as MdContent } from 'mdast';
import { createContext, memo, useContext, useMemo, type ReactNode } from 'react';
import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { rehypeRestoreText, type AnswerRestorer } from './answer-restorer';
import { CodeBlock } from './CodeBlock';
import { rehypeHighlightSome, textOf } from './highlight';
import { PersonalLink } from './PersonalLink';
import { safeUrl } from './safe-url';
import './markdown.css';

export { safeUrl };

/** The restorer of the answer being rendered, for the link and image components. */
const RestoreContext = createContext<AnswerRestorer | undefined>(undefined);

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

function Link({
  href,
  className,
  children,
}: {
  href: string;
  className?: string;
  children: ReactNode;
}) {
  const restorer = useContext(RestoreContext);
  const exposure = restorer?.link(href);
  if (exposure) {
    return (
      <PersonalLink href={href} exposure={exposure} {...(className ? { className } : {})}>
        {children}
      </PersonalLink>
    );
  }
  return (
    <a href={href} className={className} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

function ImageLink({ src, alt }: { src: unknown; alt: string | undefined }) {
  const restorer = useContext(RestoreContext);
  // The alt text is shown as text here (never as an attribute), so it is filled in like text.
  const shown = alt ? (restorer ? restorer.text(alt) : alt) : '';
  const label = shown ? `Image: ${shown}` : 'Image';
  if (typeof src !== 'string' || !src) return <span className="md-image">[{label}]</span>;
  return (
    <Link href={src} className="md-image">
      [{label}, not loaded: open link]
    </Link>
  );
}

const components: Components = {
  a({ href, children }) {
    if (!href) return <span className="md-dead-link">{children}</span>;
    return <Link href={href}>{children}</Link>;
  },
  img({ src, alt }) {
    return <ImageLink src={src} alt={alt} />;
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
  /**
   * Fills the placeholders of `text` in with real values, in text nodes only. Pass it for an
   * answer that holds placeholders (a cloud answer as written); keep it stable (useMemo).
   */
  restorer?: AnswerRestorer | undefined;
}

const REMARK = [remarkGfm, remarkHtmlAsText];

/** A model answer rendered as inert Markdown. */
export const Markdown = memo(function Markdown({
  text,
  streaming,
  className,
  restorer,
}: MarkdownProps) {
  const rehype = useMemo<NonNullable<Options['rehypePlugins']>>(
    () => [[rehypeRestoreText, { restorer }], ...(streaming ? [] : [rehypeHighlightSome])],
    [restorer, streaming],
  );
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      <RestoreContext.Provider value={restorer}>
        <ReactMarkdown
          remarkPlugins={REMARK}
          rehypePlugins={rehype}
          components={components}
          urlTransform={safeUrl}
        >
          {text}
        </ReactMarkdown>
      </RestoreContext.Provider>
    </div>
  );
});
