/**
 * Prometheus's configuration: scrape the exporter, each target's canister `/metrics` (through the
 * raw hostname on mainnet: `/metrics` is uncertified), and the Pushgateway (with `honor_labels`,
 * so pushed `target` labels stay); load the generated rules; send alerts to Alertmanager.
 */
import { JOBS } from '../signals.js';

export interface CanisterScrape {
  /** The `target` label: canary or production. */
  target: string;
  canisterId: string;
  /** `https://<id>.raw.icp0.io` on mainnet; on localnet its HTTP address. */
  baseUrl: string;
  /** localnet routes by `?canisterId=` on its plain address. */
  byQuery?: boolean;
}

export interface PrometheusEndpoints {
  exporter: string;
  pushgateway: string;
  alertmanager: string;
  canisters: CanisterScrape[];
  /** Relative to the config file. */
  ruleFiles: string[];
}

/** The exporter's results matter within seconds; the canister's gauges change slowly. */
export const SCRAPE_INTERVALS = { exporter: '5s', canister: '30s', pushgateway: '15s' } as const;
export const EVALUATION_INTERVAL = '5s';

const hostOf = (url: string) => new URL(url).host;

function schemeOf(canisters: CanisterScrape[]): string {
  const schemes = new Set(canisters.map((c) => new URL(c.baseUrl).protocol.replace(':', '')));
  if (schemes.size !== 1) throw new RangeError('every canister scrape must use one scheme');
  return [...schemes][0]!;
}

export function prometheusConfig(e: PrometheusEndpoints): Record<string, unknown> {
  return {
    global: { scrape_interval: '15s', evaluation_interval: EVALUATION_INTERVAL },
    rule_files: e.ruleFiles,
    alerting: {
      alertmanagers: [{ static_configs: [{ targets: [hostOf(e.alertmanager)] }] }],
    },
    scrape_configs: [
      {
        job_name: JOBS.exporter,
        scrape_interval: SCRAPE_INTERVALS.exporter,
        static_configs: [{ targets: [hostOf(e.exporter)] }],
      },
      {
        job_name: JOBS.canister,
        scrape_interval: SCRAPE_INTERVALS.canister,
        scheme: schemeOf(e.canisters),
        metrics_path: '/metrics',
        static_configs: e.canisters.map((c) => ({
          targets: [new URL(c.baseUrl).host],
          labels: {
            target: c.target,
            canister_id: c.canisterId,
            // A `__param_` label becomes a query parameter of the scrape.
            ...(c.byQuery ? { __param_canisterId: c.canisterId } : {}),
          },
        })),
      },
      {
        job_name: JOBS.pushgateway,
        honor_labels: true,
        scrape_interval: SCRAPE_INTERVALS.pushgateway,
        static_configs: [{ targets: [hostOf(e.pushgateway)] }],
      },
    ],
  };
}
