/**
 * Follows a streamed answer that may hold placeholders. Real values never go back into the
 * answer's Markdown source: a model (malicious or prompt-injected) that writes a placeholder into
 * a link target would otherwise get a link carrying exactly what redaction hid from it. So the
 * stream is passed on as the model wrote it, placeholders intact, and the UI fills them in into
 * rendered text nodes only (src/app/components/markdown). A placeholder can be split across chunks
 * ("[PERS" + "ON_1]"), so text is released only up to the last whitespace outside an open
 * bracket; the rest waits for the next chunk or for finish(). finish() also gives the plain text
 * with the values filled in, for what is not rendered as Markdown (the history the local model
 * reads, search).
 */
import { restore, type Vault } from '../core/pii';

export interface RestoredAnswer {
  /** The answer as the model wrote it, placeholders intact: what the UI renders. */
  raw: string;
  /** The answer as plain text with the values filled in: never rendered as Markdown. */
  text: string;
  /** Placeholders in the answer that the vault does not know (left as they are). */
  unknown: string[];
}

export class StreamRestorer {
  private raw = '';
  private emitted = 0;

  constructor(
    private readonly vault: Vault,
    /** Receives the answer as written (placeholders intact), never half a placeholder. */
    private readonly emit: (delta: string) => void,
  ) {}

  push(delta: string): void {
    this.raw += delta;
    let cut = Math.max(this.raw.lastIndexOf(' '), this.raw.lastIndexOf('\n'));
    const open = this.raw.lastIndexOf('[');
    if (open > this.raw.lastIndexOf(']') && open > cut - 16) cut = Math.min(cut, open);
    if (cut > this.emitted) this.release(cut);
  }

  /** Releases the rest; returns the answer as written and as plain text with values. */
  finish(): RestoredAnswer {
    this.release(this.raw.length);
    const r = restore(this.raw, this.vault);
    return { raw: this.raw, text: r.text, unknown: r.unknown };
  }

  private release(end: number): void {
    if (end <= this.emitted) return;
    this.emit(this.raw.slice(this.emitted, end));
    this.emitted = end;
  }
}
