/** Grafana dashboards and provisioning files, keyed by path under generated/grafana/. */
export function grafanaFiles(): Record<string, string> {
  return {};
}
