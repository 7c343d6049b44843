import { describe, expect, it } from 'vitest';
import { parseMatchers, scanPromql } from './promql-scan.js';

describe('scanPromql', () => {
  it('finds selectors with their matchers, not functions, keywords or label lists', () => {
    const { selectors } = scanPromql(
      'sum by (target, flow) (rate(ii_probe_runs_total{target=~"$target",result="failure"}[$__rate_interval])) / on (target) group_left sum(up{job="x"}) or vector(0)',
    );
    expect(selectors).toEqual([
      {
        metric: 'ii_probe_runs_total',
        matchers: [
          { label: 'target', op: '=~', value: '$target' },
          { label: 'result', op: '=', value: 'failure' },
        ],
      },
      { metric: 'up', matchers: [{ label: 'job', op: '=', value: 'x' }] },
    ]);
  });

  it('ties each range to the function that reads it, subqueries included', () => {
    const { ranges } = scanPromql(
      'histogram_quantile(0.95, sum(rate(a_bucket[5m])) by (le)) + max_over_time(rate(b[$__rate_interval])[1h:]) + increase(c[$__range]) offset 5m',
    );
    expect(ranges).toEqual([
      { fn: 'rate', window: '5m' },
      { fn: 'rate', window: '$__rate_interval' },
      { fn: 'max_over_time', window: '1h:' },
      { fn: 'increase', window: '$__range' },
    ]);
  });

  it('skips strings, numbers and recorded names with colons', () => {
    const { selectors } = scanPromql(
      'label_replace(slo:sli_error:ratio_rate5m{slo="x"}, "hash", "$1", "module_hash", "(.{12}).*") * 1e6 > bool 0.5',
    );
    expect(selectors.map((s) => s.metric)).toEqual(['slo:sli_error:ratio_rate5m']);
  });

  it('parses matchers with escaped quotes and all four operators', () => {
    expect(parseMatchers(`a="x\\"y", b!="", c=~'p|q', d!~\`.*\``)).toEqual([
      { label: 'a', op: '=', value: 'x\\"y' },
      { label: 'b', op: '!=', value: '' },
      { label: 'c', op: '=~', value: 'p|q' },
      { label: 'd', op: '!~', value: '.*' },
    ]);
  });
});
