/** What one probe run found: a closed set of failure reasons, and each step's time. */

/** Why a run failed (a metric label: keep the set closed and small). */
export const REASONS = [
  'csp',
  'console_error',
  'request_failed',
  'http_status',
  'certification',
  'canister_id_mismatch',
  'tls',
  'timeout',
  'assertion',
  'agent_error',
  'network',
] as const;
export type Reason = (typeof REASONS)[number];

export const FLOWS = ['page', 'login', 'api', 'register'] as const;
export type Flow = (typeof FLOWS)[number];

export interface StepTiming {
  name: string;
  seconds: number;
}

export interface ProbeResult {
  target: string;
  flow: Flow;
  /** The hostname the run went through; the API endpoint's host for `api`. */
  hostname: string;
  location: string;
  success: boolean;
  reason?: Reason;
  /** What exactly went wrong, for humans (never a secret). */
  detail?: string;
  steps: StepTiming[];
  /** Total time of the run, in seconds. */
  seconds: number;
  /** Files kept on failure: a Playwright trace, a screenshot, the console log. */
  artifacts: string[];
  /** When the run started (ISO 8601). */
  startedAt: string;
}

/** A failure with its reason; thrown inside a flow, turned into a result by the runner. */
export class ProbeFailure extends Error {
  constructor(
    readonly reason: Reason,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeFailure';
  }
}

/** Times named steps of a run; a step that throws ends the run (the runner records why). */
export class Steps {
  readonly timings: StepTiming[] = [];

  async run<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.timings.push({ name, seconds: Math.round(performance.now() - t0) / 1000 });
    }
  }
}
