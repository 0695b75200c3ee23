export function PolicyView() {
  return (
    <section aria-labelledby="policy-title" className="view">
      <h1 id="policy-title">Policy and settings</h1>
      <p className="lead">
        The rules that decide where each request may go: the profile (Private, Balanced or
        Cloud-first), which kinds of data count as personal or regulated, which tiers may see them,
        and what happens when a tier is unavailable.
      </p>
      <p className="empty">
        The policy editor will let you pick a profile, edit rules, try a sample text against them,
        and import or export the policy as JSON or YAML.
      </p>
    </section>
  );
}
