/**
 * Where the monitored deployments are: mainnet (production and its canary clone on the IC) and
 * `npm start`'s localnet. The generated Prometheus configs are rendered from these; `npm start`
 * renders the local one again with the ports it actually got.
 */
import { II_CANISTER_ID, LOCAL_CANARY_CANISTER_ID, LOCAL_URL } from '@ii/client';
import type { CanisterScrape, PrometheusEndpoints } from './config/prometheus-config.js';

/** Default local ports of the monitoring stack (Prometheus's, Alertmanager's and the Pushgateway's own defaults). */
export const DEFAULT_PORTS = {
  prometheus: 9090,
  alertmanager: 9093,
  pushgateway: 9091,
  exporter: 9464,
} as const;

export interface LocalPorts {
  prometheus: number;
  alertmanager: number;
  pushgateway: number;
  exporter: number;
  /** localnet's HTTP port. */
  localnet: number;
}

export const RULES_FILE = 'rules.yaml';

export function localEndpoints(
  ports: LocalPorts,
  canisters: { target: string; canisterId: string }[] = [
    { target: 'production', canisterId: II_CANISTER_ID },
    { target: 'canary', canisterId: LOCAL_CANARY_CANISTER_ID },
  ],
): PrometheusEndpoints {
  const local = (port: number) => `http://127.0.0.1:${port}`;
  return {
    exporter: local(ports.exporter),
    pushgateway: local(ports.pushgateway),
    alertmanager: local(ports.alertmanager),
    canisters: canisters.map((c): CanisterScrape => ({
      ...c,
      baseUrl: local(ports.localnet),
      byQuery: true,
    })),
    ruleFiles: [RULES_FILE],
  };
}

export const DEFAULT_LOCAL_PORTS: LocalPorts = {
  ...DEFAULT_PORTS,
  localnet: Number(new URL(LOCAL_URL).port),
};

/**
 * Mainnet: production through its raw hostname. A canary clone is the operator's own canister:
 * pass its id to scrape it too.
 */
export function mainnetEndpoints(canaryCanisterId?: string): PrometheusEndpoints {
  const raw = (id: string) => `https://${id}.raw.icp0.io`;
  const canisters: CanisterScrape[] = [
    { target: 'production', canisterId: II_CANISTER_ID, baseUrl: raw(II_CANISTER_ID) },
  ];
  if (canaryCanisterId)
    canisters.push({
      target: 'canary',
      canisterId: canaryCanisterId,
      baseUrl: raw(canaryCanisterId),
    });
  return {
    exporter: `http://127.0.0.1:${DEFAULT_PORTS.exporter}`,
    pushgateway: `http://127.0.0.1:${DEFAULT_PORTS.pushgateway}`,
    alertmanager: `http://127.0.0.1:${DEFAULT_PORTS.alertmanager}`,
    canisters,
    ruleFiles: [RULES_FILE],
  };
}
