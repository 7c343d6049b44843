import { describe, expect, it } from 'vitest';
import { formatDuration, substituteVariables } from './queries.js';

describe('substituteVariables', () => {
  it("replaces Grafana's interval and range variables with a 1h range at a 1m step", () => {
    expect(
      substituteVariables(
        'rate(a[$__rate_interval]) + rate(b[${__rate_interval}]) + avg_over_time(c[$__interval]) + increase(d[$__range])',
      ),
    ).toBe('rate(a[1m]) + rate(b[1m]) + avg_over_time(c[1m]) + increase(d[1h])');
  });

  it('spans four min intervals for a query that sets a longer one', () => {
    expect(substituteVariables('rate(a[$__rate_interval])', { minInterval: '30s' })).toBe(
      'rate(a[2m])',
    );
    expect(substituteVariables('avg_over_time(a[$__interval])', { minInterval: '2m' })).toBe(
      'avg_over_time(a[2m])',
    );
    expect(substituteVariables('rate(a[$__rate_interval])', { minInterval: '5s' })).toBe(
      'rate(a[1m])',
    );
  });

  it('selects All for multi-value variables in regex matchers', () => {
    expect(
      substituteVariables(
        'probe_success{target=~"$target",hostname=~"${hostname}",flow!~"${flow:regex}"}',
      ),
    ).toBe('probe_success{target=~".*",hostname=~".*",flow!~".*"}');
  });

  it("keeps label_replace's group references and explicit values", () => {
    const expr = 'label_replace(x{target="canary"}, "h", "$1", "module_hash", "(.{12}).*")';
    expect(substituteVariables(expr)).toBe(expr);
  });

  it('refuses a variable it cannot give a value', () => {
    expect(() => substituteVariables('x{target="$target"}')).toThrow(/\$target/);
    expect(() => substituteVariables('rate(x[$__interval_ms])')).toThrow(/__interval_ms/);
  });

  it('formats durations in the largest whole unit', () => {
    expect([120_000, 90_000, 3_600_000, 1500].map(formatDuration)).toEqual([
      '2m',
      '90s',
      '1h',
      '1500ms',
    ]);
  });
});
