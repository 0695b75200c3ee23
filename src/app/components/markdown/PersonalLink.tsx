/**
 * A link in an answer whose target would carry personal values once its placeholders were filled
 * in. The element's href keeps the placeholders, so hovering, copying or middle-clicking it never
 * exposes a value; a click asks first, showing the full URL with the values, and opens that only
 * when the user says so.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { LinkExposure } from './answer-restorer';

const TYPE_NAMES: Record<string, string> = {
  PERSON: 'a name',
  EMAIL: 'an e-mail address',
  PHONE: 'a phone number',
  CREDIT_CARD: 'a card number',
  NATIONAL_ID: 'an ID number',
  IBAN: 'a bank account number',
  IP_ADDRESS: 'an IP address',
  LOCATION: 'a place',
  ADDRESS: 'an address',
  DATE: 'a date',
  DATE_OF_BIRTH: 'a date of birth',
  ORGANIZATION: 'an organisation',
  URL: 'a web address',
  SECRET: 'a password or key',
};

function listOf(types: readonly string[]): string {
  const names = types.map((t) => TYPE_NAMES[t] ?? t.toLowerCase());
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || 'another site';
  } catch {
    return 'another site';
  }
}

function open(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}

function ConfirmLink({
  href,
  exposure,
  onClose,
}: {
  href: string;
  exposure: LinkExposure;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const title = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const choose = (url?: string) => () => {
    if (url) open(url);
    ref.current?.close();
  };
  return (
    <dialog
      ref={ref}
      className="left-device md-confirm-link"
      aria-labelledby={title}
      onClose={onClose}
    >
      <h2 id={title}>Open a link with your personal data?</h2>
      <p>
        This link in the answer points to <strong>{hostOf(exposure.url)}</strong>. Opened with your
        data filled in, it would send {listOf(exposure.types)} there:
      </p>
      <p className="md-link-url" data-testid="personal-link-url">
        {exposure.url}
      </p>
      <p>
        The model that wrote the answer never saw these values; they were replaced by placeholders
        before anything left this device.
        {!exposure.openable && ' Filled in, this is not a web link, so it cannot be opened.'}
      </p>
      <div className="composer-actions">
        <button type="button" onClick={choose()} autoFocus>
          Cancel
        </button>
        <button type="button" onClick={choose(href)}>
          Open without my data
        </button>
        {exposure.openable && (
          <button type="button" className="primary" onClick={choose(exposure.url)}>
            Open with my data
          </button>
        )}
      </div>
    </dialog>
  );
}

export function PersonalLink({
  href,
  exposure,
  className,
  children,
}: {
  /** The target as the answer wrote it, placeholders intact. */
  href: string;
  exposure: LinkExposure;
  className?: string;
  children: ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer"
        className={className ? `${className} md-personal-link` : 'md-personal-link'}
        onClick={(e) => {
          e.preventDefault();
          setAsking(true);
        }}
      >
        {children}
        <span className="visually-hidden"> (carries personal data: asks before opening)</span>
      </a>
      {asking &&
        createPortal(
          <ConfirmLink href={href} exposure={exposure} onClose={() => setAsking(false)} />,
          document.body,
        )}
    </>
  );
}
