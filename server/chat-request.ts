/**
 * The chat-completions request the proxy accepts: a strict subset of OpenAI's. Anything the proxy
 * cannot re-scan (images, audio, tools) is refused; unknown top-level and message fields are dropped
 * and never forwarded.
 */
import { z } from 'zod';

const textPart = z.object({ type: z.literal('text'), text: z.string() });

const message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.union([z.string(), z.array(textPart).min(1)]),
  name: z.string().max(64).optional(),
});

const responseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().max(64),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

export const chatRequestSchema = z.object({
  model: z.string().max(256).optional(),
  messages: z.array(message).min(1).max(1_000),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_tokens: z.number().int().positive().optional(),
  max_completion_tokens: z.number().int().positive().optional(),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4)])
    .nullable()
    .optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
  seed: z.number().int().optional(),
  response_format: responseFormat.optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;

export type ParseResult =
  | { ok: true; request: ChatRequest }
  | { ok: false; message: string; issues: { path: string; message: string }[] };

export function parseChatRequest(body: unknown): ParseResult {
  const result = chatRequestSchema.safeParse(body);
  if (result.success) return { ok: true, request: result.data };
  // Issue messages name paths and expectations, never the offending values.
  const issues = result.error.issues.slice(0, 10).map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  return { ok: false, message: 'The request does not match the chat-completions schema', issues };
}

/**
 * The body sent upstream: the validated request in the client's key order, with the tier's model
 * and max tokens capped (set to the cap when the client asked for none).
 */
export function upstreamBody(
  original: Record<string, unknown>,
  request: ChatRequest,
  model: string,
  maxTokensCap: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const validated = request as Record<string, unknown>;
  if (!('model' in original)) out.model = model;
  for (const key of Object.keys(original)) {
    if (key === 'model') out.model = model;
    else if (validated[key] !== undefined) out[key] = validated[key];
  }
  if (request.max_tokens !== undefined) out.max_tokens = Math.min(request.max_tokens, maxTokensCap);
  if (request.max_completion_tokens !== undefined) {
    out.max_completion_tokens = Math.min(request.max_completion_tokens, maxTokensCap);
  }
  if (request.max_tokens === undefined && request.max_completion_tokens === undefined) {
    out.max_tokens = maxTokensCap;
  }
  return out;
}

/**
 * How deep a request body may nest (objects and arrays). A chat request needs about 6 levels; a
 * JSON schema of 20 nested properties about 60. Deeper bodies are refused before anything walks
 * them, since recursive code (JSON.stringify among it) runs out of stack on a few thousand levels.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests objects or arrays more than `max` levels deep. Iterative. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const v = item.value;
    if (v === null || typeof v !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth });
    }
  }
  return false;
}

/** Every string in a JSON value, keys included, depth first. Iterative. */
function stringsIn(value: unknown, out: string[]): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] ?? ['', undefined];
        stack.push(child);
        stack.push(key);
      }
    }
  }
}

/**
 * Every string the request would send upstream, for the re-scan: the content of every message,
 * names, stop strings, and every key and string of a JSON schema (as the values themselves, not
 * JSON text, where an escape such as \n between two digit groups could hide a number).
 */
export function textsOf(request: ChatRequest): string[] {
  const texts: string[] = [];
  for (const m of request.messages) {
    if (typeof m.content === 'string') texts.push(m.content);
    else for (const part of m.content) texts.push(part.text);
    if (m.name !== undefined) texts.push(m.name);
  }
  if (typeof request.stop === 'string') texts.push(request.stop);
  else if (Array.isArray(request.stop)) texts.push(...request.stop);
  if (request.response_format?.type === 'json_schema') {
    stringsIn(request.response_format.json_schema, texts);
  }
  return texts;
}
