export function DashboardView() {
  return (
    <section aria-labelledby="dashboard-title" className="view">
      <h1 id="dashboard-title">Dashboard</h1>
      <p className="lead">
        How your requests were answered: the share handled locally, by the private tier and by the
        cloud over time, redactions by entity type, how often local answers were escalated, latency
        per tier, the outbox, and the cloud cost saved by answering on this device.
      </p>
      <p className="empty">Nothing to chart yet: figures appear after your first requests.</p>
    </section>
  );
}
