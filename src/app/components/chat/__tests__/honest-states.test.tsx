import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../db';
import { MessageItem } from '../MessageItem';

const answer = (patch: Partial<Message>): Message => ({
  id: 'a1',
  conversationId: 'c1',
  role: 'assistant',
  content: '',
  createdAt: 1,
  ...patch,
});

const render = (m: Message) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <ul>
        <MessageItem message={m} />
      </ul>
    </MemoryRouter>,
  );

describe('honest states under an answer', () => {
  it('a refused unredacted send says nothing was sent and offers the redacted way', () => {
    const html = render(
      answer({
        status: 'error',
        error: { code: 'override_not_allowed', message: 'The server does not allow it' },
      }),
    );
    expect(html).toContain('nothing was sent');
    expect(html).toContain('Send redacted instead');
  });

  it('a message waiting for a local model names what is missing and the next steps', () => {
    const html = render(answer({ status: 'waiting' }));
    expect(html).toContain('Waiting for a local model.');
    expect(html).toContain('No local model is loaded');
    expect(html).toContain('href="/models"');
    expect(html).toContain('>Retry<');
    expect(html).toContain('>Discard<');
  });

  it('neither is offered for a complete answer', () => {
    const html = render(answer({ status: 'complete', content: 'Canberra.' }));
    expect(html).not.toContain('Retry');
    expect(html).not.toContain('Send redacted instead');
  });
});
