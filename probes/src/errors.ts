/** The probes' one error class and code table. A user's mistake exits 2 with one line. */
export const PROBE_ERRORS = {
  II_ERR_PROBE_CONFIG: 'the configuration is invalid',
  II_ERR_PROBE_TARGET: 'no such target',
  II_ERR_PROBE_CREDENTIALS: 'the credentials file cannot be used',
  II_ERR_PROBE_USAGE: 'the command line is invalid',
  II_ERR_PROBE_ENROLL: 'enrolling the probe failed',
} as const;

export type ProbeErrorCode = keyof typeof PROBE_ERRORS;

export class ProbeError extends Error {
  readonly code: ProbeErrorCode;

  constructor(code: ProbeErrorCode, detail: string) {
    super(detail);
    this.name = 'ProbeError';
    this.code = code;
  }
}
