/**
 * Restores placeholders in a streamed answer as it arrives. A placeholder can be split across
 * chunks ("[PERS" + "ON_1]"), so text is released only up to the last whitespace outside an open
 * bracket; the rest waits for the next chunk or for finish().
 */
import { restore, type Vault } from '../core/pii';

export class StreamRestorer {
  private raw = '';
  private emitted = '';

  constructor(
    private readonly vault: Vault,
    private readonly emit: (delta: string) => void,
  ) {}

  push(delta: string): void {
    this.raw += delta;
    let cut = Math.max(this.raw.lastIndexOf(' '), this.raw.lastIndexOf('\n'));
    const open = this.raw.lastIndexOf('[');
    if (open > this.raw.lastIndexOf(']') && open > cut - 16) cut = Math.min(cut, open);
    if (cut <= 0) return;
    this.release(restore(this.raw.slice(0, cut), this.vault).text);
  }

  /** Releases the rest; returns the whole restored text and the placeholders the vault did not know. */
  finish(): { text: string; unknown: string[] } {
    const r = restore(this.raw, this.vault);
    this.release(r.text, true);
    return r;
  }

  private release(text: string, force = false): void {
    if (text.length > this.emitted.length && (force || text.startsWith(this.emitted))) {
      this.emit(text.slice(this.emitted.length));
      this.emitted = text;
    }
  }
}
