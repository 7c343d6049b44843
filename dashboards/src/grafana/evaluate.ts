/**
 * Sends dashboard queries to a Prometheus's HTTP API (`/api/v1/query`), as Grafana would after
 * substituting its variables: a parse or type error comes back as an error, an expression that
 * reads nothing as zero series.
 */
import type { PanelQuery } from './queries.js';

export interface QueryResult {
  query: PanelQuery;
  /** Prometheus's error (bad_data: a parse or type error), or a transport failure. */
  error?: string;
  /** Series (or one scalar) in the result. */
  series: number;
}

interface ApiResponse {
  status: 'success' | 'error';
  error?: string;
  errorType?: string;
  data?: { resultType: string; result: unknown };
}

export async function evaluateQuery(
  prometheusUrl: string,
  query: PanelQuery,
  time = new Date(),
): Promise<QueryResult> {
  const body = new URLSearchParams({ query: query.expr, time: String(time.getTime() / 1000) });
  let json: ApiResponse;
  try {
    const res = await fetch(new URL('/api/v1/query', prometheusUrl), { method: 'POST', body });
    json = (await res.json()) as ApiResponse;
  } catch (e) {
    return { query, error: (e as Error).message, series: 0 };
  }
  if (json.status !== 'success')
    return { query, error: `${json.errorType}: ${json.error}`, series: 0 };
  const result = json.data?.result;
  return { query, series: Array.isArray(result) ? result.length : 1 };
}

/** One query at a time: a small Prometheus on a shared machine answers them in milliseconds. */
export async function evaluateQueries(
  prometheusUrl: string,
  queries: readonly PanelQuery[],
  time = new Date(),
): Promise<QueryResult[]> {
  const out: QueryResult[] = [];
  for (const q of queries) out.push(await evaluateQuery(prometheusUrl, q, time));
  return out;
}
