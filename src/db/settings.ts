/** Key/value settings: the policy, the chosen model, the profile. Values are plain JSON. */
import { db } from './schema';
import { guardWrite } from './errors';

export async function getSetting<T = unknown>(key: string): Promise<T | undefined> {
  return (await db().settings.get(key))?.value as T | undefined;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await guardWrite(() => db().settings.put({ key, value }));
}

export async function deleteSetting(key: string): Promise<void> {
  await guardWrite(() => db().settings.delete(key));
}
