import type { EngineSummary } from '../../../core/local-model/device-summary';

/** What each local engine can do on this device, and its trade-off (first run and Models view). */
export function DeviceSummary({
  engines,
  headingLevel = 3,
}: {
  engines: EngineSummary[];
  headingLevel?: 3 | 4;
}) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="device-summary" data-testid="device-summary">
      {engines.map((e) => (
        <section key={e.engine} data-engine={e.engine} data-usable={e.usable}>
          <H>{e.title}</H>
          <ul>
            {e.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <p className="muted">{e.tradeOff}</p>
        </section>
      ))}
    </div>
  );
}
