export function AuditView() {
  return (
    <section aria-labelledby="audit-title" className="view">
      <h1 id="audit-title">Audit log</h1>
      <p className="lead">
        A tamper-evident record of every routing decision and every step that crossed a tier: when,
        which route and pattern, which tiers saw data, how many entities of each type were redacted,
        and the exact text that was sent.
      </p>
      <p className="empty">
        No entries yet. Entries are chained and signed on this device, and the chain can be verified
        and exported for an auditor.
      </p>
    </section>
  );
}
