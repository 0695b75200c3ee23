/**
 * The chat runner's one hook for documents: before anything is stored, the conversation's
 * documents are turned into the request's context; then the message is stored with its new
 * documents (one transaction), and the answer gets its sources and, when a document kept the
 * request on this device with no model to answer, a note saying so.
 */
import {
  addMessageWithDocuments,
  type MessageRouting,
  type MessageSource,
  type NewMessage,
} from '../../../db';
import { getAppOrchestrator, type SendResult } from '../../../orchestrator';
import {
  documentsBlockedNote,
  requestWithDocuments,
  toNewDocument,
  type PendingDocument,
  type RequestWithDocuments,
} from '../../../orchestrator/documents';

/** The question when someone sends files without writing anything. */
export function defaultQuestion(count: number): string {
  return count === 1 ? 'Summarise the attached document.' : 'Summarise the attached documents.';
}

export interface PreparedSend {
  /** What the user's message says (their text, or the default question). */
  question: string;
  /** For a new conversation's title. */
  title: string;
  request: RequestWithDocuments;
  /** Stores the user's message with the new documents, all or nothing. */
  store(message: NewMessage): Promise<void>;
  annotate(routing: MessageRouting, result: SendResult): MessageRouting;
  sourcesFor(result: SendResult): { sources?: MessageSource[] };
}

async function prepare(
  conversationId: string | undefined,
  text: string,
  attachments: readonly PendingDocument[] = [],
): Promise<PreparedSend> {
  const question = text.trim() || (attachments.length ? defaultQuestion(attachments.length) : '');
  const request = await requestWithDocuments(conversationId, question, attachments);
  return {
    question,
    title: text.trim() || attachments.map((a) => a.extracted.name).join(', ') || question,
    request,
    async store(message) {
      await addMessageWithDocuments(
        {
          ...message,
          attachments: attachments.map((a) => ({
            documentId: a.id,
            name: a.extracted.name,
            kind: a.extracted.kind,
            bytes: a.extracted.bytes,
            chars: a.extracted.text.length,
            pages: a.extracted.pages,
          })),
        },
        attachments.map(toNewDocument),
      );
    },
    annotate(routing, result) {
      const note = documentsBlockedNote(result, request.flagged, getAppOrchestrator().getPolicy());
      if (!note) return routing;
      return { ...routing, note: routing.note ? `${routing.note} ${note}` : note };
    },
    sourcesFor(result) {
      if (!request.sources.length || result.status === 'blocked' || result.status === 'error')
        return {};
      return {
        sources: request.sources.map((s) => ({
          documentId: s.documentId,
          name: s.name,
          whole: s.whole,
          pages: s.pages,
          parts: s.parts,
        })),
      };
    },
  };
}

export const sendWithDocuments = { prepare };
