/**
 * Grafana's provisioning files (https://grafana.com/docs/grafana/latest/administration/provisioning/):
 * the Prometheus datasource, told the global scrape interval so `$__rate_interval` spans four
 * scrapes, and a file provider that loads the generated dashboards into their own folder.
 */
import { SCRAPE_INTERVALS } from '../config/prometheus-config.js';
import { DEFAULT_PORTS } from '../environments.js';

export const DATASOURCE_UID = 'ii-prometheus';
export const DATASOURCE_NAME = 'Internet Identity Prometheus';
/** Where Grafana reads the dashboards from; copy or mount generated/grafana/dashboards there. */
export const DASHBOARDS_PATH = '/var/lib/grafana/dashboards/internet-identity';
export const FOLDER = 'Internet Identity';
/** The Prometheus Debian ships (and `npm start` runs). */
const PROMETHEUS_VERSION = '2.42.0';

export function datasourceProvisioning(
  prometheusUrl = `http://127.0.0.1:${DEFAULT_PORTS.prometheus}`,
): Record<string, unknown> {
  return {
    apiVersion: 1,
    datasources: [
      {
        name: DATASOURCE_NAME,
        uid: DATASOURCE_UID,
        type: 'prometheus',
        access: 'proxy',
        url: prometheusUrl,
        // The dashboards' datasource variable picks the default when nothing is selected.
        isDefault: true,
        editable: false,
        jsonData: {
          timeInterval: SCRAPE_INTERVALS.global,
          httpMethod: 'POST',
          prometheusType: 'Prometheus',
          prometheusVersion: PROMETHEUS_VERSION,
        },
      },
    ],
  };
}

export function dashboardProvisioning(path = DASHBOARDS_PATH): Record<string, unknown> {
  return {
    apiVersion: 1,
    providers: [
      {
        name: 'internet-identity',
        orgId: 1,
        folder: FOLDER,
        type: 'file',
        disableDeletion: false,
        // The TypeScript source is the source of truth: edits in the UI would be overwritten.
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        options: { path, foldersFromFilesStructure: false },
      },
    ],
  };
}
