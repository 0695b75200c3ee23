/**
 * The cascade-rate guard: when too many recent escalate-on-hard requests escalated, cascading is
 * a waste (two answers for one) and decide() routes by the rules instead, and says so.
 */
export class CascadeGuard {
  private readonly outcomes: boolean[] = [];

  constructor(
    private readonly window: number,
    private readonly maxRate: number,
    /** Fewer samples than this never trip the guard. */
    private readonly minSamples = Math.min(5, window),
  ) {}

  record(escalated: boolean): void {
    this.outcomes.push(escalated);
    if (this.outcomes.length > this.window) this.outcomes.shift();
  }

  /** Share of recent cascades that escalated, 0..1. */
  get rate(): number {
    if (!this.outcomes.length) return 0;
    return this.outcomes.filter(Boolean).length / this.outcomes.length;
  }

  get suppressed(): boolean {
    return this.outcomes.length >= this.minSamples && this.rate > this.maxRate;
  }
}
