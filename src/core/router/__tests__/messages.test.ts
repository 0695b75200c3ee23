/**
 * A request as role-structured messages: the layout the router analyses, and what is redacted and
 * sent per message with one placeholder map for the whole conversation.
 */
import { describe, expect, it } from 'vitest';
import { Vault, scanForwarded, detectPatterns } from '../../pii';
import { BALANCED, CLOUD_FIRST } from '../../policy';
import { healthFromFlags } from '../flags';
import { PLACEHOLDER_SYSTEM, sentText, transcriptLayout } from '../messages';
import { evaluateRequest } from '../request';

const noLocal = healthFromFlags({ local: false });

describe('transcriptLayout', () => {
  it('a lone message is its own transcript, exactly as typed', () => {
    const l = transcriptLayout({ text: 'What is the capital of Australia?' });
    expect(l.text).toBe('What is the capital of Australia?');
    expect(l.messages).toEqual([{ role: 'user', content: 'What is the capital of Australia?' }]);
  });

  it('places instructions, history and the message in order, each segment holding its content', () => {
    const l = transcriptLayout({
      text: 'And now?',
      history: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
      ],
      instructions: ['Answer briefly.', '  ', 'Sign as Jana.'],
    });
    expect(l.messages.map((m) => m.role)).toEqual([
      'system',
      'system',
      'user',
      'assistant',
      'user',
    ]);
    l.messages.forEach((m, i) => {
      const seg = l.segments[i];
      expect(seg && l.text.slice(seg.start, seg.end)).toBe(m.content);
    });
    expect(l.text).toContain('Assistant: Hello.\n\nUser: And now?');
  });
});

describe('evaluateRequest sends messages, not a transcript', () => {
  it('redacts each message with one vault: the same e-mail is [EMAIL_1] in every turn', () => {
    const mail = 'jana.novakova@example.cz';
    const r = evaluateRequest(
      {
        text: `Send it to ${mail} again.`,
        history: [
          { role: 'user', content: `Write to ${mail} about the budget.` },
          { role: 'assistant', content: `Done: I drafted a note to ${mail}.` },
        ],
      },
      CLOUD_FIRST,
      noLocal,
    );
    expect(r.outgoingMessages).toEqual([
      { role: 'user', content: 'Write to [EMAIL_1] about the budget.' },
      { role: 'assistant', content: 'Done: I drafted a note to [EMAIL_1].' },
      { role: 'user', content: 'Send it to [EMAIL_1] again.' },
    ]);
    expect(r.outgoing).toBe(sentText(r.outgoingMessages ?? []));
  });

  it("continues the conversation's numbering when its vault is given (the preview matches the send)", () => {
    const vault = new Vault();
    vault.placeholderFor('EMAIL', 'someone@example.org');
    const r = evaluateRequest({ text: 'Mail lena@example.de please.' }, CLOUD_FIRST, noLocal, {
      vault,
    });
    expect(r.outgoingMessages?.[0]?.content).toBe('Mail [EMAIL_2] please.');
    expect(vault.size).toBe(1); // the preview redacts with a copy
  });

  it('a custom instruction is analysed and redacted like any message', () => {
    const r = evaluateRequest(
      {
        text: 'Write a two-line thank-you note for the flowers.',
        instructions: ['Always sign as Dr. Jana Nováková, jana.novakova@example.cz.'],
      },
      CLOUD_FIRST,
      noLocal,
    );
    const system = r.outgoingMessages?.find((m) => m.role === 'system')?.content ?? '';
    expect(system).not.toContain('jana.novakova@example.cz');
    expect(system).not.toContain('Nováková');
    expect(system).toContain('[EMAIL_1]');
    // what is sent passes the proxy's re-scan, message by message and joined
    expect(
      scanForwarded(
        (r.outgoingMessages ?? []).map((m) => m.content),
        detectPatterns,
      ).verdict,
    ).toBe('clean');
  });

  it('regulated content in a custom instruction keeps the request on the device', () => {
    const r = evaluateRequest(
      {
        text: 'Suggest a dinner for tonight.',
        instructions: ['I have type 1 diabetes and take insulin; keep that in mind.'],
      },
      BALANCED,
      healthFromFlags({ local: true }),
    );
    expect(r.decision.sensitivity).toBe('regulated');
    expect(r.decision.tier).toBe('local');
    expect(r.outgoingMessages).toBeNull();
  });
});

describe('sentText', () => {
  it('shows a lone user message as it is, several with roles, never our placeholder instruction', () => {
    expect(
      sentText([
        { role: 'system', content: PLACEHOLDER_SYSTEM },
        { role: 'user', content: 'Hi [PERSON_1]' },
      ]),
    ).toBe('Hi [PERSON_1]');
    expect(
      sentText([
        { role: 'system', content: PLACEHOLDER_SYSTEM },
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ]),
    ).toBe('System: Be brief.\n\nUser: Hi');
  });
});
