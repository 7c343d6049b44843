/**
 * localnet's Prometheus metrics, served at GET /_/metrics: instructions per executed canister
 * message. One registry per localnet, so several can run in one process (tests).
 */
import { Counter, Histogram, Registry } from 'prom-client';
import type { ExecutionRecord } from './replica/message-execution.js';

const B = 1e9;
/** Bucket bounds around the IC's limits: 5 B per query, 40 B per update, 300 B per install. */
const INSTRUCTION_BUCKETS = [1e4, 1e5, 1e6, 1e7, 1e8, B, 5 * B, 10 * B, 40 * B, 300 * B];

export class LocalnetMetrics {
  readonly registry = new Registry();
  readonly #instructions: Histogram<'canister' | 'method' | 'kind'>;
  readonly #overLimit: Counter<'canister' | 'method' | 'kind'>;

  constructor() {
    this.#instructions = new Histogram({
      name: 'localnet_message_instructions',
      help: 'Instructions executed per canister message, counted as the IC does',
      labelNames: ['canister', 'method', 'kind'],
      buckets: INSTRUCTION_BUCKETS,
      registers: [this.registry],
    });
    this.#overLimit = new Counter({
      name: 'localnet_instruction_limit_exceeded_total',
      help: 'Canister messages that trapped at their instruction limit (IC0522)',
      labelNames: ['canister', 'method', 'kind'],
      registers: [this.registry],
    });
  }

  record(r: ExecutionRecord): void {
    const labels = { canister: r.canister, method: r.method, kind: r.kind };
    this.#instructions.observe(labels, Number(r.instructions));
    if (r.errorCode === 'IC0522') this.#overLimit.inc(labels);
  }

  /** The text exposition format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
