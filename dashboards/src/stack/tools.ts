/**
 * The Prometheus stack's binaries as Debian installs them (`apt-get install prometheus
 * prometheus-alertmanager prometheus-pushgateway`): the package names differ from the binaries'.
 */
import { execFileSync } from 'node:child_process';
import { MonitoringError } from '../errors.js';

export const TOOLS = {
  prometheus: { binary: 'prometheus', debian: 'prometheus' },
  promtool: { binary: 'promtool', debian: 'prometheus' },
  alertmanager: { binary: 'prometheus-alertmanager', debian: 'prometheus-alertmanager' },
  amtool: { binary: 'amtool', debian: 'prometheus-alertmanager' },
  pushgateway: { binary: 'prometheus-pushgateway', debian: 'prometheus-pushgateway' },
} as const;

export type Tool = keyof typeof TOOLS;

/** The Debian packages that provide every tool. */
export const DEBIAN_PACKAGES = [...new Set(Object.values(TOOLS).map((t) => t.debian))];

export function hasTool(tool: Tool): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${TOOLS[tool].binary}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The tool's binary name, or a one-line error naming the package to install. */
export function requireTool(tool: Tool): string {
  if (!hasTool(tool))
    throw new MonitoringError(
      'II_ERR_MONITORING_TOOL',
      `${TOOLS[tool].binary} is not installed: apt-get install ${TOOLS[tool].debian}`,
    );
  return TOOLS[tool].binary;
}
