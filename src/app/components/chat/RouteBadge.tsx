import type { MessageRouting } from '../../../db';

/** The badge under an answer; a button that opens "What left this device". */
export function RouteBadge({ routing, onOpen }: { routing: MessageRouting; onOpen: () => void }) {
  return (
    <button
      type="button"
      className={`route-badge tone-${routing.tone}`}
      onClick={onOpen}
      aria-haspopup="dialog"
      aria-label={`${routing.label}: show what left this device`}
      title="What left this device"
    >
      {routing.label}
    </button>
  );
}
