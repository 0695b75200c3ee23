import { useInstallPrompt } from '../hooks/useInstallPrompt';

/** A quiet, dismissible offer to install Hearth as an app (see useInstallPrompt for when). */
export function InstallPrompt() {
  const { show, install, dismiss } = useInstallPrompt();
  if (!show) return null;
  return (
    <section className="install-offer" aria-labelledby="install-offer-title">
      <h2 id="install-offer-title" className="install-offer-title">
        Install Hearth
      </h2>
      <p>Open Hearth from your dock or start menu, in its own window, and keep working offline.</p>
      <div className="install-offer-actions">
        <button type="button" className="primary" onClick={() => void install()}>
          Install Hearth
        </button>
        <button type="button" onClick={dismiss}>
          Not now
        </button>
      </div>
    </section>
  );
}
