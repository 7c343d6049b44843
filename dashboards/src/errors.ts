/** The dashboards package's one error class and code table. */
export const MONITORING_ERRORS = {
  II_ERR_MONITORING_TOOL: 'a Prometheus tool (Debian package) is not installed',
  II_ERR_MONITORING_START: 'a monitoring process did not start',
} as const;

export type MonitoringErrorCode = keyof typeof MONITORING_ERRORS;

export class MonitoringError extends Error {
  readonly code: MonitoringErrorCode;

  constructor(code: MonitoringErrorCode, message: string) {
    super(message);
    this.name = 'MonitoringError';
    this.code = code;
  }
}
