import { describe, expect, it } from 'vitest';
import { ClientError } from './errors.js';
import { metric, parseMetrics } from './metrics.js';

describe('parseMetrics', () => {
  const text = [
    '# HELP internet_identity_user_count Number of users',
    '# TYPE internet_identity_user_count gauge',
    'internet_identity_user_count 42 1700000000000',
    'ii_build_info{version="1.0",git_commit="abc"} 1',
    'ii_escaped{path="a\\"b\\\\c"} 2.5',
    'ii_nan NaN',
    // prom-client's spelling of an event-loop gauge before its first sample.
    'nodejs_eventloop_lag_mean_seconds Nan',
    'ii_inf +Inf',
    '',
  ].join('\n');

  it('reads names, labels (escapes included) and values, and skips comments', () => {
    const samples = parseMetrics(text);
    expect(samples).toHaveLength(6);
    expect(metric(samples, 'internet_identity_user_count')).toBe(42);
    expect(metric(samples, 'ii_build_info', { git_commit: 'abc' })).toBe(1);
    expect(metric(samples, 'ii_build_info', { git_commit: 'def' })).toBeUndefined();
    expect(samples[2]!.labels.path).toBe('a"b\\c');
    expect(Number.isNaN(metric(samples, 'ii_nan')!)).toBe(true);
    expect(Number.isNaN(metric(samples, 'nodejs_eventloop_lag_mean_seconds')!)).toBe(true);
    expect(metric(samples, 'ii_inf')).toBe(Infinity);
  });

  it('refuses a line that is not a sample', () => {
    expect(() => parseMetrics('<html>not metrics</html>')).toThrow(ClientError);
    expect(() => parseMetrics('a_metric twelve')).toThrow(/Prometheus text format/);
  });
});
