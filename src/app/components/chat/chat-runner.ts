/**
 * The send/stop loop, outside any component: stores the user's message, streams the answer from
 * the orchestrator (batched per animation frame so long answers never block the main thread),
 * then stores the answer with its routing record. It lives as long as the page, so moving to the
 * Dashboard or another conversation while an answer is written does not abort it; only Stop (or
 * closing the page) does. One answer at a time.
 */
import {
  addMessage,
  createConversation,
  loadVault,
  deleteMessages,
  listMessages,
  listOutbox,
  removeOutbox,
  updateMessage,
  type Message,
  type MessageRouting,
} from '../../../db';
import type { ChatMessage } from '../../../core/local-model/api';
import { restore } from '../../../core/pii';
import { getAppOrchestrator, type SendInput, type SendResult } from '../../../orchestrator';
import type { PendingDocument } from '../../../orchestrator/documents';
import { sendWithDocuments } from '../documents/send-with-documents';
import { vaultFromRows } from '../markdown/answer-restorer';
import { answerMarkdown, answerText, routingFromResult } from './routing';

export interface Streaming {
  messageId: string;
  text: string;
  decided: boolean;
  /**
   * The text is a cloud answer as written, with placeholders: render it with the conversation's
   * vault filling in text nodes only.
   */
  placeholders: boolean;
}

export interface RunnerState {
  /** From the click until the answer is stored (the conversation may still be being created). */
  busy: boolean;
  /** The conversation being answered, once it exists. */
  conversationId?: string;
  streaming?: Streaming;
}

export interface SendRequest {
  /** undefined: start a new conversation titled after the message. */
  conversationId: string | undefined;
  text: string;
  /** The conversation so far, as stored. */
  messages: readonly Message[];
  override?: 'unredacted';
  /** Files read and checked in the composer, stored with the message when it is sent. */
  attachments?: readonly PendingDocument[];
  /** Called once a new conversation exists (the view then shows it, if it is still open). */
  onCreated?: (id: string) => void;
  /**
   * An edit: these messages (the edited one and every later one) are removed just before the new
   * message is stored, once nothing can fail any more before it is.
   */
  replaces?: readonly string[];
}

function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New conversation';
}

/** Earlier turns the models should see: finished user and assistant messages, oldest first. */
export function historyOf(messages: readonly Message[]): ChatMessage[] {
  return messages
    .filter((m) => m.role === 'user' || (m.role === 'assistant' && m.status === 'complete'))
    .map((m) => ({ role: m.role, content: m.content }));
}

/**
 * Removes the turns an edit replaces, and any of their requests still waiting in the outbox (it
 * must not be sent later for an answer that no longer exists).
 */
async function dropTurns(ids: readonly string[]): Promise<void> {
  const gone = new Set(ids);
  for (const o of await listOutbox()) if (gone.has(o.messageId)) await removeOutbox(o.id);
  await deleteMessages(ids);
}

/** After Retry, a message that still cannot be answered says so (it was tried, nothing changed). */
function stillWaiting(routing: MessageRouting, yes: boolean): MessageRouting {
  if (!yes) return routing;
  const note = 'Tried again: still nothing can answer it here.';
  return { ...routing, note: routing.note ? `${routing.note} ${note}` : note };
}

export class ChatRunner {
  private state: RunnerState = { busy: false };
  private readonly listeners = new Set<() => void>();
  private ctl: AbortController | undefined;
  private buffer = '';
  private placeholders = false;
  private frame: number | undefined;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): RunnerState => this.state;

  private set(next: RunnerState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }

  private readonly flush = (): void => {
    this.frame = undefined;
    const s = this.state.streaming;
    if (s) {
      this.set({
        ...this.state,
        streaming: { ...s, text: this.buffer, placeholders: this.placeholders },
      });
    }
  };

  private schedule(): void {
    this.frame ??= requestAnimationFrame(this.flush);
  }

  /** Resolves when the answer is stored; throws (nothing stored) when the message could not be. */
  async send(req: SendRequest): Promise<void> {
    if (this.ctl) return; // one answer at a time; the composer offers no Send meanwhile
    const ctl = new AbortController();
    this.ctl = ctl;
    this.set({ busy: true, ...(req.conversationId ? { conversationId: req.conversationId } : {}) });
    try {
      // Documents (new and earlier ones) are read into the request before anything is stored:
      // if that fails, the message and its files stay in the composer and nothing is half-sent.
      const docs = await sendWithDocuments.prepare(req.conversationId, req.text, req.attachments);
      const convId = req.conversationId ?? (await createConversation(titleFrom(docs.title))).id;
      if (!req.conversationId) {
        this.set({ ...this.state, conversationId: convId });
        req.onCreated?.(convId);
      }
      if (req.replaces?.length) await dropTurns(req.replaces);
      const userMessage = { conversationId: convId, role: 'user' as const, content: docs.question };
      if (req.attachments?.length) await docs.store(userMessage);
      else await addMessage(userMessage);
      const answer = await addMessage({
        conversationId: convId,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      const { result, raw, content, status } = await this.stream(
        convId,
        answer.id,
        {
          conversationId: convId,
          messageId: answer.id,
          text: docs.request.text,
          history: historyOf(req.messages),
          ...(req.override ? { override: req.override } : {}),
          ...(docs.request.documents ? { documents: docs.request.documents } : {}),
        },
        ctl,
      );
      await updateMessage(answer.id, {
        content,
        ...(raw !== undefined && raw !== content ? { raw } : {}),
        status,
        route: result.decision.route,
        pattern: result.decision.pattern,
        badge: result.badge.label,
        requestId: result.messageId,
        routing: docs.annotate(routingFromResult(result), result),
        ...(result.error ? { error: result.error } : {}),
        ...docs.sourcesFor(result),
      });
    } finally {
      this.done();
    }
  }

  /**
   * Answers an earlier request again in place (Retry on "Waiting for a local model", "Send
   * redacted instead" after a refused override): the same message with the conversation before
   * it, through the same analysis and routing.
   */
  async retry(answer: Pick<Message, 'id' | 'conversationId'>): Promise<void> {
    if (this.ctl) return;
    const ctl = new AbortController();
    this.ctl = ctl;
    this.set({ busy: true, conversationId: answer.conversationId });
    try {
      const all = await listMessages(answer.conversationId);
      const at = all.findIndex((m) => m.id === answer.id);
      const userAt = all.slice(0, at).findLastIndex((m) => m.role === 'user');
      const user = all[userAt];
      if (at < 0 || !user) return;
      await updateMessage(answer.id, {
        content: '',
        status: 'streaming',
        error: undefined,
        raw: undefined,
      });
      await this.answer(
        answer.conversationId,
        answer.id,
        user.content,
        historyOf(all.slice(0, userAt)),
        ctl,
        undefined,
        true,
      );
    } finally {
      this.done();
    }
  }

  /**
   * Replaces a sent message with a new text and drops every later turn, then sends it as any new
   * message is sent (the same analysis, routing and preview), with the conversation before it.
   * The conversation's placeholders stay: a value keeps its placeholder.
   */
  async edit(message: Pick<Message, 'id' | 'conversationId'>, text: string): Promise<void> {
    if (this.ctl) return;
    const all = await listMessages(message.conversationId);
    const at = all.findIndex((m) => m.id === message.id);
    if (at < 0 || all[at]?.role !== 'user') return;
    await this.send({
      conversationId: message.conversationId,
      text,
      messages: all.slice(0, at),
      replaces: all.slice(at).map((m) => m.id),
    });
  }

  /** Forgets a request that was never answered: its reply and the message itself. */
  async discard(answer: Pick<Message, 'id' | 'conversationId'>): Promise<void> {
    const all = await listMessages(answer.conversationId);
    const at = all.findIndex((m) => m.id === answer.id);
    const user = all.slice(0, at).findLast((m) => m.role === 'user');
    await deleteMessages(user ? [user.id, answer.id] : [answer.id]);
  }

  private async answer(
    convId: string,
    answerId: string,
    text: string,
    history: ChatMessage[],
    ctl: AbortController,
    override?: 'unredacted',
    again = false,
  ): Promise<void> {
    // The conversation's documents (including any stored with this message) come along, as in
    // the first send.
    const docs = await sendWithDocuments.prepare(convId, text);
    const { result, raw, content, status } = await this.stream(
      convId,
      answerId,
      {
        conversationId: convId,
        messageId: answerId,
        text: docs.request.text,
        history,
        ...(override ? { override } : {}),
        ...(docs.request.documents ? { documents: docs.request.documents } : {}),
      },
      ctl,
    );
    await updateMessage(answerId, {
      content,
      ...(raw !== undefined && raw !== content ? { raw } : {}),
      status,
      route: result.decision.route,
      pattern: result.decision.pattern,
      badge: result.badge.label,
      requestId: result.messageId,
      routing: stillWaiting(
        docs.annotate(routingFromResult(result), result),
        again && status === 'waiting',
      ),
      ...(result.error ? { error: result.error } : {}),
      ...docs.sourcesFor(result),
    });
  }

  /**
   * Streams one answer into the page (batched per frame) and works out what to store: the text,
   * the answer as written when it carries placeholders, and the status. Shared by send and retry.
   */
  private async stream(
    convId: string,
    answerId: string,
    input: SendInput,
    ctl: AbortController,
  ): Promise<{
    result: SendResult;
    raw: string | undefined;
    content: string;
    status: Message['status'];
  }> {
    this.buffer = '';
    this.placeholders = false;
    this.set({
      ...this.state,
      streaming: { messageId: answerId, text: '', decided: false, placeholders: false },
    });
    const result = await getAppOrchestrator().send(
      input,
      {
        onDecision: () => {
          const s = this.state.streaming;
          if (s) this.set({ ...this.state, streaming: { ...s, decided: true } });
        },
        onToken: (delta, placeholders) => {
          this.buffer += delta;
          this.placeholders ||= placeholders;
          this.schedule();
        },
        onReset: () => {
          this.buffer = '';
          this.placeholders = false;
          this.schedule();
        },
      },
      ctl.signal,
    );
    // A stopped cloud answer is what had streamed, as written: keep that to render, and fill in
    // the values for the plain text.
    const stoppedRaw = result.status === 'stopped' && this.placeholders ? this.buffer : undefined;
    const raw = stoppedRaw ?? answerMarkdown(result, this.buffer);
    const content =
      stoppedRaw !== undefined
        ? restore(stoppedRaw, vaultFromRows(await loadVault(convId))).text
        : answerText(result, this.buffer);
    // Blocked only because no local model is loaded: kept, to be answered once one is.
    const status =
      result.status === 'blocked' && result.decision.waitsForLocal ? 'waiting' : result.status;
    return { result, raw, content, status };
  }

  private done(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.ctl = undefined;
    this.set({ busy: false });
  }

  stop(): void {
    this.ctl?.abort();
  }
}

/** The page's one runner. */
export const chatRunner = new ChatRunner();
