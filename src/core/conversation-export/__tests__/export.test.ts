import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_EXPORT_FORMAT,
  conversationToJson,
  conversationToMarkdown,
  exportFileName,
  type ExportConversation,
  type ExportMessage,
} from '..';

const AT = Date.UTC(2026, 11, 4, 9, 30, 0);
const NOW = new Date(Date.UTC(2026, 11, 4, 10, 0, 0));

const conversation: ExportConversation = {
  id: 'c-1',
  title: 'Letter to Maren Vandersloot',
  createdAt: AT,
  updatedAt: AT + 60_000,
};

const messages: ExportMessage[] = [
  {
    id: 'm-1',
    role: 'user',
    content: 'Write to maren@example.org about invoice 2024-117.',
    createdAt: AT,
    status: 'complete',
    attachments: [{ name: 'invoice.pdf', kind: 'pdf', bytes: 2048 }],
  },
  {
    id: 'm-2',
    role: 'assistant',
    // content holds the real values (the chat stores them restored); raw is not exported
    content: 'Dear Maren,\n\n**Invoice 2024-117** is attached.\n\n',
    createdAt: AT + 30_000,
    status: 'complete',
    routing: { label: 'Cloud (redacted)', tier: 'frontier' },
    sources: [{ name: 'invoice.pdf', whole: false, pages: [2], parts: [] }],
  },
  {
    id: 'm-3',
    role: 'user',
    content: 'And my GP?',
    createdAt: AT + 40_000,
  },
  {
    id: 'm-4',
    role: 'assistant',
    content: '',
    createdAt: AT + 41_000,
    status: 'blocked',
    error: { code: 'blocked', message: 'Regulated data stays here.' },
  },
];

describe('conversationToJson', () => {
  it('is the documented version 1 shape, with the real values and ISO times', () => {
    const json = conversationToJson(conversation, messages, NOW);
    expect(json).toEqual({
      format: CONVERSATION_EXPORT_FORMAT,
      version: 1,
      exportedAt: '2026-12-04T10:00:00.000Z',
      conversation: {
        id: 'c-1',
        title: 'Letter to Maren Vandersloot',
        createdAt: '2026-12-04T09:30:00.000Z',
        updatedAt: '2026-12-04T09:31:00.000Z',
      },
      messages: [
        {
          id: 'm-1',
          role: 'user',
          content: 'Write to maren@example.org about invoice 2024-117.',
          createdAt: '2026-12-04T09:30:00.000Z',
          status: 'complete',
          attachments: [{ name: 'invoice.pdf', kind: 'pdf', bytes: 2048 }],
        },
        {
          id: 'm-2',
          role: 'assistant',
          content: 'Dear Maren,\n\n**Invoice 2024-117** is attached.\n\n',
          createdAt: '2026-12-04T09:30:30.000Z',
          status: 'complete',
          answeredBy: { label: 'Cloud (redacted)', tier: 'frontier' },
          sources: [{ name: 'invoice.pdf', whole: false, pages: [2], parts: [] }],
        },
        {
          id: 'm-3',
          role: 'user',
          content: 'And my GP?',
          createdAt: '2026-12-04T09:30:40.000Z',
        },
        {
          id: 'm-4',
          role: 'assistant',
          content: '',
          createdAt: '2026-12-04T09:30:41.000Z',
          status: 'blocked',
          error: { code: 'blocked', message: 'Regulated data stays here.' },
        },
      ],
    });
    // Round-trips through JSON unchanged (no undefined fields, no Dates).
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('leaves out fields the stored rows carry beyond the documented shape', () => {
    const extra = {
      ...messages[1],
      raw: 'Dear [PERSON_1]',
      routing: { label: 'Cloud', tier: 'frontier', leftDevice: [{ tier: 'frontier', text: 'x' }] },
    } as ExportMessage;
    const [m] = conversationToJson(conversation, [extra], NOW).messages;
    expect(JSON.stringify(m)).not.toContain('[PERSON_1]');
    expect(m?.answeredBy).toEqual({ label: 'Cloud', tier: 'frontier' });
  });
});

describe('conversationToMarkdown', () => {
  const md = conversationToMarkdown(conversation, messages, NOW);

  it('has the title, a note that it holds real values and stayed on the device, and each turn', () => {
    expect(md).toBe(
      [
        '# Letter to Maren Vandersloot',
        '',
        'Exported from Hearth on 2026-12-04T10:00:00.000Z. This file holds the real values (names, addresses, numbers) that placeholders stood for in anything sent to a cloud model. It was made on this device and was not sent anywhere.',
        '',
        '## You · 2026-12-04T09:30:00.000Z',
        '',
        'Write to maren@example.org about invoice 2024-117.',
        '',
        '_Attached: invoice.pdf_',
        '',
        '## Answer (Cloud (redacted)) · 2026-12-04T09:30:30.000Z',
        '',
        'Dear Maren,',
        '',
        '**Invoice 2024-117** is attached.',
        '',
        '_Sources: invoice.pdf_',
        '',
        '## You · 2026-12-04T09:30:40.000Z',
        '',
        'And my GP?',
        '',
        '## Answer · 2026-12-04T09:30:41.000Z',
        '',
        '_Not sent: this request could not be answered on this device._',
        '_Error: Regulated data stays here._',
        '',
      ].join('\n'),
    );
  });

  it('names an untitled conversation and keeps a title on one line', () => {
    expect(conversationToMarkdown({ ...conversation, title: '  ' }, [], NOW)).toMatch(
      /^# Untitled conversation\n/,
    );
    expect(conversationToMarkdown({ ...conversation, title: 'a\n# b' }, [], NOW)).toMatch(
      /^# a # b\n/,
    );
  });
});

describe("the conversation's custom instruction", () => {
  const withInstruction = { ...conversation, instructions: 'Always sign as Dr. Jana Nováková.' };

  it('is in both exports as written (real values), and absent when there is none', () => {
    expect(conversationToJson(withInstruction, [], NOW).conversation.instructions).toBe(
      'Always sign as Dr. Jana Nováková.',
    );
    expect(conversationToJson(conversation, [], NOW).conversation).not.toHaveProperty(
      'instructions',
    );
    expect(
      conversationToJson({ ...conversation, instructions: '  ' }, [], NOW).conversation,
    ).not.toHaveProperty('instructions');
    expect(conversationToMarkdown(withInstruction, messages, NOW)).toContain(
      '## Instructions for this conversation\n\nAlways sign as Dr. Jana Nováková.\n\n## You',
    );
    expect(conversationToMarkdown(conversation, messages, NOW)).not.toContain('Instructions');
  });
});

describe('exportFileName', () => {
  it('is safe for file systems and dated', () => {
    expect(exportFileName(conversation, NOW, 'md')).toBe(
      'hearth-letter-to-maren-vandersloot-2026-12-04.md',
    );
    expect(exportFileName({ ...conversation, title: 'Ça/va? ../../etc' }, NOW, 'json')).toBe(
      'hearth-ca-va-etc-2026-12-04.json',
    );
    expect(exportFileName({ ...conversation, title: '日本' }, NOW, 'md')).toBe(
      'hearth-conversation-2026-12-04.md',
    );
  });
});
