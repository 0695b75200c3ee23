import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, must } from './helpers';
import { addMessage, createConversation, deleteConversation, listMessages } from '../conversations';
import {
  addMessageWithDocuments,
  deleteDocument,
  listConversationDocuments,
  listDocuments,
  loadDocumentIndexes,
  loadDocumentTexts,
  type NewDocument,
} from '../documents';
import { exportBackup, importBackup } from '../backup';
import { db } from '../schema';

beforeEach(() => {
  freshDb();
});

function newDoc(id: string, name = `${id}.txt`, text = `Text of ${id}.`): NewDocument {
  return {
    document: {
      id,
      name,
      kind: 'text',
      bytes: text.length,
      chars: text.length,
      pages: 0,
      chunkCount: 1,
      counts: { PERSON: 1 },
      categories: [],
      personalColumns: 0,
      modelStage: 'ok',
    },
    text: {
      text,
      pageStarts: [0],
      chunks: [{ start: 0, end: text.length, page: 1 }],
      knownValues: [{ value: 'Maren Vandersloot', type: 'PERSON' }],
    },
    index: `{"index-of":"${id}"}`,
  };
}

async function counts(conversationId?: string) {
  const d = db();
  const where = (t: typeof d.documents | typeof d.documentTexts | typeof d.documentIndexes) =>
    conversationId === undefined
      ? t.count()
      : t.where('conversationId').equals(conversationId).count();
  return {
    documents: await where(d.documents),
    texts: await where(d.documentTexts),
    indexes: await where(d.documentIndexes),
  };
}

describe('documents', () => {
  it('stores a message with its documents, and reads them back by conversation', async () => {
    const c = await createConversation('Audit');
    const m = await addMessageWithDocuments(
      { conversationId: c.id, role: 'user', content: 'Summarise', createdAt: 1000 },
      [newDoc('a'), newDoc('b', 'staff.csv')],
    );
    expect(await listMessages(c.id)).toEqual([m]);
    const docs = await listConversationDocuments(c.id);
    expect(docs.map((d) => [d.id, d.messageId, d.createdAt])).toEqual([
      ['a', m.id, 1000],
      ['b', m.id, 1000],
    ]);
    expect(must(docs[0]).storedBytes).toBe(('Text of a.'.length + '{"index-of":"a"}'.length) * 2);
    expect((await loadDocumentTexts(['b', 'missing'])).map((t) => t.text)).toEqual(['Text of b.']);
    expect((await loadDocumentIndexes(['a'])).map((t) => t.index)).toEqual(['{"index-of":"a"}']);
    expect((await listDocuments()).map((d) => d.name).sort()).toEqual(['a.txt', 'staff.csv']);
  });

  it('stores nothing when one document cannot be stored: the message and every file, or none', async () => {
    const c = await createConversation('Audit');
    await addMessageWithDocuments({ conversationId: c.id, role: 'user', content: 'first' }, [
      newDoc('a'),
    ]);
    await expect(
      addMessageWithDocuments({ conversationId: c.id, role: 'user', content: 'second' }, [
        newDoc('b'),
        newDoc('a'), // the same id again: the database refuses it
      ]),
    ).rejects.toThrow();
    expect((await listMessages(c.id)).map((m) => m.content)).toEqual(['first']);
    expect(await counts(c.id)).toEqual({ documents: 1, texts: 1, indexes: 1 });
  });

  it('deletes one document with its text and index; the conversation stays', async () => {
    const c = await createConversation('Audit');
    await addMessageWithDocuments({ conversationId: c.id, role: 'user', content: 'x' }, [
      newDoc('a'),
      newDoc('b'),
    ]);
    await deleteDocument('a');
    expect(await counts(c.id)).toEqual({ documents: 1, texts: 1, indexes: 1 });
    expect(await listMessages(c.id)).toHaveLength(1);
  });

  it('deletes a conversation with its documents, their text and their index, and only those', async () => {
    const c = await createConversation('Audit');
    const other = await createConversation('Other');
    await addMessageWithDocuments({ conversationId: c.id, role: 'user', content: 'x' }, [
      newDoc('a'),
      newDoc('b'),
    ]);
    await addMessageWithDocuments({ conversationId: other.id, role: 'user', content: 'y' }, [
      newDoc('c'),
    ]);
    await addMessage({ conversationId: c.id, role: 'assistant', content: 'ok' });
    await deleteConversation(c.id);
    expect(await counts(c.id)).toEqual({ documents: 0, texts: 0, indexes: 0 });
    expect(await counts(other.id)).toEqual({ documents: 1, texts: 1, indexes: 1 });
  });

  it('goes into a backup and comes back from it', async () => {
    const c = await createConversation('Audit');
    await addMessageWithDocuments(
      {
        conversationId: c.id,
        role: 'user',
        content: 'x',
        attachments: [
          { documentId: 'a', name: 'a.txt', kind: 'text', bytes: 10, chars: 10, pages: 0 },
        ],
      },
      [newDoc('a')],
    );
    const backup = await exportBackup();
    freshDb();
    await importBackup(backup);
    expect(await counts()).toEqual({ documents: 1, texts: 1, indexes: 1 });
    expect((await listMessages(c.id))[0]?.attachments?.[0]?.name).toBe('a.txt');
    expect((await loadDocumentTexts(['a']))[0]?.knownValues).toEqual([
      { value: 'Maren Vandersloot', type: 'PERSON' },
    ]);
  });
});
