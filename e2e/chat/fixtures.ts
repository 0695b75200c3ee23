/**
 * Chat fixtures: the app page object with the test engine selected for local generation, and a
 * client for the stub upstream's control endpoints (what it received, how it should behave).
 */
import { test as base, expect, type APIRequestContext } from '@playwright/test';
import { HearthApp } from '../fixtures/app';
import { STUB_PORT } from '../ports';

const STUB = `http://127.0.0.1:${STUB_PORT}`;

/**
 * How long a person may have to wait for an answer (or the live preview) on a busy 2-core machine.
 * The first message in a fresh browser profile starts the analysis worker, which fetches the 8 MB
 * NER model and compiles onnxruntime-web's 14 MB WASM before anything is decided: one to two
 * seconds on an idle machine, tens of seconds while other builds and test runs share it. Waits
 * for those states use this bound; what a test checks after them is already on screen.
 */
export const ANSWER_TIMEOUT = 60_000;

export interface ReceivedChat {
  path: string;
  headers: Record<string, string>;
  body: string;
  json: { messages?: Array<{ role: string; content: string }> } | undefined;
}

export class Stub {
  constructor(private readonly request: APIRequestContext) {}

  async received(): Promise<ReceivedChat[]> {
    const res = await this.request.get(`${STUB}/__received`);
    const { received } = (await res.json()) as { received: ReceivedChat[] };
    return received.filter((r) => r.path.endsWith('/chat/completions'));
  }

  async reset(behaviour: Record<string, unknown> = { kind: 'normal', echo: true }): Promise<void> {
    await this.request.delete(`${STUB}/__received`);
    await this.behave(behaviour);
  }

  async behave(behaviour: Record<string, unknown>): Promise<void> {
    const res = await this.request.post(`${STUB}/__behaviour`, { data: behaviour });
    expect(res.ok()).toBe(true);
  }
}

/** The chat as a person uses it: the "Message" box and the "Send" button. */
export class ChatPage extends HearthApp {
  /** Selects the test engine (loaded, answering with these tokens) before the app starts. */
  async useTestEngine(config: Record<string, unknown>): Promise<void> {
    await this.page.addInitScript((cfg) => {
      localStorage.setItem('hearth:test-engine', JSON.stringify(cfg));
    }, config);
  }

  /** Picks a shipped profile in the Policy view, as a person would; it applies at once. */
  async setProfile(name: 'Private' | 'Balanced' | 'Cloud-first'): Promise<void> {
    await this.goTo('Policy');
    const radio = this.page.getByRole('radio', { name: new RegExp(`^${name}`) });
    await radio.check();
    await expect(radio).toBeChecked();
    await this.goTo('Chat');
  }

  message() {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  /**
   * Sends and waits until the answer is complete: stored with its route badge, as a person waits
   * for it. Assertions on `lastAnswer()` and `badge()` that follow are about this answer.
   */
  async send(text: string): Promise<void> {
    await this.startSending(text);
    await this.waitForAnswer();
  }

  /** Sends and returns as soon as the new answer appears (still streaming, or "Thinking…"). */
  async startSending(text: string): Promise<void> {
    const before = await this.answers().count();
    await this.message().fill(text);
    await this.page.getByRole('button', { name: 'Send' }).click();
    await expect(this.answers()).toHaveCount(before + 1, { timeout: ANSWER_TIMEOUT });
  }

  /** Waits until the last answer is complete (its route badge is shown once it is stored). */
  async waitForAnswer(): Promise<void> {
    await expect(this.badge()).toBeVisible({ timeout: ANSWER_TIMEOUT });
  }

  /**
   * Waits until the live preview under the composer shows what it found with the names model's
   * result (a first verdict of a visit may come from the pattern stage while the model loads).
   */
  async waitForPreview(): Promise<void> {
    const preview = this.page.getByTestId('live-preview');
    await expect(preview).toBeVisible({ timeout: ANSWER_TIMEOUT });
    await expect(preview).not.toHaveAttribute('data-model-stage', 'pending', {
      timeout: ANSWER_TIMEOUT,
    });
  }

  answers() {
    return this.page.getByRole('list', { name: 'Messages' }).locator('li.from-assistant');
  }

  lastAnswer() {
    return this.answers().last();
  }

  badge() {
    return this.lastAnswer().locator('.route-badge');
  }
}

export const test = base.extend<{ chat: ChatPage; stub: Stub }>({
  chat: async ({ page }, use) => {
    await use(new ChatPage(page));
  },
  stub: async ({ request }, use) => {
    const stub = new Stub(request);
    await stub.reset();
    await use(stub);
  },
});
export { expect };
