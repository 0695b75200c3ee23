/** The active policy, kept in the settings table (key "policy"), validated on load and on save. */
import { useCallback, useEffect, useState } from 'react';
import { getSetting, setSetting } from '../../../db';
import { DEFAULT_POLICY, validatePolicy, type Policy } from '../../../core/policy';
import { getAppOrchestrator } from '../../../orchestrator';

export const POLICY_SETTING = 'policy';

export function usePolicyDocument(): {
  policy: Policy;
  loaded: boolean;
  save: (p: Policy) => Promise<void>;
  error: string | undefined;
} {
  const [policy, setPolicy] = useState<Policy>(DEFAULT_POLICY);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    getSetting(POLICY_SETTING)
      .then((stored) => {
        if (!live) return;
        if (stored !== undefined) {
          const r = validatePolicy(stored);
          if (r.ok) setPolicy(r.policy);
          else setError('The stored policy is no longer valid; showing Balanced instead.');
        }
        setLoaded(true);
      })
      .catch(() => {
        if (live) {
          setError('Could not read the stored policy; showing Balanced.');
          setLoaded(true);
        }
      });
    return () => {
      live = false;
    };
  }, []);

  const save = useCallback(async (p: Policy) => {
    setPolicy(p);
    // the running pipeline uses the new policy from the next request on
    getAppOrchestrator().setPolicy(p);
    try {
      await setSetting(POLICY_SETTING, p);
      setError(undefined);
    } catch {
      setError('Could not save the policy on this device (storage full or unavailable).');
    }
  }, []);

  return { policy, loaded, save, error };
}
