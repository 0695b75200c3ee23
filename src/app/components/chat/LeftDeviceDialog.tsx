/**
 * "What left this device" for one answer: the exact outgoing text with placeholders highlighted,
 * the tier that received it, the decision's reasons and, on this device only, which real value
 * each placeholder stood for.
 */
import { useEffect, useRef } from 'react';
import type { MessageRouting } from '../../../db';
import { useVault } from '../../hooks/db/useVault';
import { OutgoingText } from '../documents/OutgoingText';
import { splitPlaceholders } from './placeholders';

const TIER_NAMES: Record<string, string> = {
  local: 'this device',
  private: "your organisation's private endpoint",
  frontier: 'the cloud provider',
};

export function LeftDeviceDialog({
  routing,
  conversationId,
  onClose,
}: {
  routing: MessageRouting;
  conversationId: string;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const vault = useVault(conversationId);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const used = new Set(
    routing.leftDevice.flatMap((l) =>
      splitPlaceholders(l.text)
        .filter((r) => r.kind === 'placeholder')
        .map((r) => r.text),
    ),
  );
  const mapping = (vault ?? []).filter((v) => used.has(v.placeholder));

  return (
    <dialog ref={ref} className="left-device" aria-labelledby="left-title" onClose={onClose}>
      <h2 id="left-title">What left this device</h2>
      <p>
        Answer: <strong>{routing.label}</strong> (pattern {routing.pattern}, sensitivity{' '}
        {routing.sensitivity}).
      </p>
      {routing.note && <p className="note">{routing.note}</p>}
      {routing.leftDevice.length === 0 ? (
        <p data-testid="nothing-left">Nothing left this device for this answer.</p>
      ) : (
        routing.leftDevice.map((l, i) => (
          <section key={i} aria-label={`Sent to ${TIER_NAMES[l.tier] ?? l.tier}`}>
            <h3>Sent to {TIER_NAMES[l.tier] ?? l.tier}</h3>
            <OutgoingText text={l.text} />
          </section>
        ))
      )}
      {mapping.length > 0 && (
        <>
          <h3>Placeholders (shown on this device only)</h3>
          <table className="placeholder-map">
            <thead>
              <tr>
                <th scope="col">Placeholder</th>
                <th scope="col">Real value</th>
              </tr>
            </thead>
            <tbody>
              {mapping.map((v) => (
                <tr key={v.placeholder}>
                  <td>
                    <mark className="placeholder">{v.placeholder}</mark>
                  </td>
                  <td>{v.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>Why</h3>
      <ul>
        {routing.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
      <form method="dialog">
        <button type="submit" className="primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
