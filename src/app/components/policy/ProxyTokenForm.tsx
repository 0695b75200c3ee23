import { useEffect, useId, useState } from 'react';
import { hasProxyToken, loadProxyToken, setProxyToken } from '../../../orchestrator';

/**
 * The server's access token, for Hearth servers that set PROXY_TOKEN: entered once, kept in this
 * browser, sent only to this server. Never shown again once saved.
 */
export function ProxyTokenForm() {
  const [value, setValue] = useState('');
  const [saved, setSaved] = useState<boolean | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const id = useId();
  useEffect(() => {
    void loadProxyToken().then(() => setSaved(hasProxyToken()));
  }, []);

  const save = async (token: string) => {
    try {
      await setProxyToken(token);
      setSaved(token.trim() !== '');
      setValue('');
      setMessage(token.trim() ? 'Saved on this device.' : 'Forgotten.');
    } catch {
      setMessage('Could not save the token on this device (storage full or unavailable).');
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Server access</h2>
      <p>
        Some Hearth servers require an access token before they forward anything to a cloud model.
        Your administrator gives it to you; it is kept in this browser and sent only to this server.
        {saved === true && ' A token is saved.'}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(value);
        }}
      >
        <label htmlFor={id}>Access token</label>{' '}
        <input
          id={id}
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />{' '}
        <button type="submit" disabled={!value.trim()}>
          Save token
        </button>{' '}
        {saved && (
          <button type="button" onClick={() => void save('')}>
            Forget token
          </button>
        )}
      </form>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
