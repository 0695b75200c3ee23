import type { ReactNode } from 'react';

export interface ChartSectionProps {
  /** Used for the heading's id. */
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows, visible to everyone. */
  summary: ReactNode;
  /** The chart's data as a table, for screen readers (the SVG chart is hidden from them). */
  table: ReactNode;
  /** The recharts chart. */
  children: ReactNode;
}

/** A titled chart with a text summary and a screen-reader table of the same figures. */
export function ChartSection({ id, title, summary, table, children }: ChartSectionProps) {
  return (
    <section className="dash-card dash-chart" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="dash-summary">{summary}</p>
      <div className="dash-chart-box" aria-hidden="true">
        {children}
      </div>
      <div className="visually-hidden">{table}</div>
    </section>
  );
}
