// The generated configuration as Prometheus's and Alertmanager's own tools see it: syntax, routing,
// and the alert rules' unit tests (test/rules/*.test.yaml), each with firing and quiet cases.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, RECEIVERS, requireTool, ruleGroups } from '../src/index.js';

const RULE_TESTS = fileURLToPath(new URL('rules', import.meta.url));
const testFiles = readdirSync(RULE_TESTS).filter((f) => f.endsWith('.test.yaml'));

interface ToolRun {
  status: number;
  stdout: string;
  output: string;
}

/** Runs a tool without blocking the test worker (promtool's unit tests take seconds). */
function tool(name: 'promtool' | 'amtool', args: string[], cwd = GENERATED_DIR): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(requireTool(name), args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ status, stdout, output: `${stdout}${stderr}` });
    });
  });
}

const alertmanagerFile = join(GENERATED_DIR, 'alertmanager', 'alertmanager.yml');

/** The receiver Alertmanager's routing tree picks for an alert with these labels. */
async function receiverFor(labels: Record<string, string>): Promise<string> {
  const r = await tool('amtool', [
    'config',
    'routes',
    'test',
    `--config.file=${alertmanagerFile}`,
    ...Object.entries(labels).map(([k, v]) => `${k}=${v}`),
  ]);
  return r.stdout.trim();
}

describe('generated configuration, checked by promtool and amtool', () => {
  it('promtool accepts the rules file', async () => {
    const r = await tool('promtool', ['check', 'rules', 'prometheus/rules.yaml']);
    expect(r.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.status).toBe(0);
  });

  it.each(['prometheus.local.yml', 'prometheus.mainnet.yml'])(
    'promtool accepts %s (and the rules it loads)',
    async (file) => {
      const r = await tool('promtool', ['check', 'config', join('prometheus', file)]);
      expect(r.output).toContain('SUCCESS');
      expect(r.status).toBe(0);
    },
  );

  it('amtool accepts the Alertmanager config', async () => {
    const r = await tool('amtool', ['check-config', alertmanagerFile]);
    expect(r.output).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  it('pages reach the page receiver, except about the canary; tickets reach the ticket receiver', async () => {
    expect(
      await receiverFor({ severity: 'page', target: 'production', alertname: 'ProbeFailing' }),
    ).toBe(RECEIVERS.page);
    // A bad release caught on the canary is the pipeline working: nobody is woken.
    expect(
      await receiverFor({ severity: 'page', target: 'canary', alertname: 'ProbeFailing' }),
    ).toBe(RECEIVERS.ticket);
    expect(await receiverFor({ severity: 'ticket', target: 'production' })).toBe(RECEIVERS.ticket);
  });
});

describe('alert rule unit tests (promtool test rules)', () => {
  it.each(testFiles)('%s passes', async (file) => {
    const r = await tool('promtool', ['test', 'rules', file], RULE_TESTS);
    expect(r.output, r.output).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  it('every alert has a case where it fires and a case where it stays quiet', () => {
    const cases = new Map<string, { fires: number; quiet: number }>();
    for (const file of testFiles) {
      const doc = parse(readFileSync(join(RULE_TESTS, file), 'utf8')) as {
        tests: { alert_rule_test?: { alertname: string; exp_alerts?: unknown[] }[] }[];
      };
      for (const t of doc.tests)
        for (const a of t.alert_rule_test ?? []) {
          const c = cases.get(a.alertname) ?? { fires: 0, quiet: 0 };
          if (a.exp_alerts?.length) c.fires++;
          else c.quiet++;
          cases.set(a.alertname, c);
        }
    }
    const alerts = ruleGroups().flatMap((g) =>
      g.rules.flatMap((r) => ('alert' in r ? [r.alert] : [])),
    );
    expect(alerts.length).toBeGreaterThan(10);
    const missing = alerts.filter((a) => !cases.get(a)?.fires || !cases.get(a)?.quiet);
    expect(missing).toEqual([]);
    // And no test names an alert that does not exist.
    expect([...cases.keys()].filter((a) => !alerts.includes(a))).toEqual([]);
  });
});
