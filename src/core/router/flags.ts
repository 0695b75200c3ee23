/** The CLI's compact health flags ({local, cloud, online, private?}) as a Health. */
import type { Health } from './types';

export interface HealthFlags {
  local?: boolean;
  /** The frontier tier is configured and answering. */
  cloud?: boolean;
  online?: boolean;
  /** The private tier is configured and answering (default: not configured). */
  private?: boolean;
}

export function healthFromFlags(flags: HealthFlags = {}): Health {
  const cloud = flags.cloud ?? true;
  const priv = flags.private ?? false;
  return {
    online: flags.online ?? true,
    local: flags.local ?? true,
    frontier: { configured: true, available: cloud },
    private: { configured: priv, available: priv },
  };
}
