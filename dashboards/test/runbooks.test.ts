/**
 * runbooks/ against the code: every alert of the generated rules has a runbook at its
 * runbook_url that names it and has its sections (a Diagnosis with commands, the dashboards to
 * look at); every file there is an alert's runbook, the README, or a procedure the README lists;
 * every command in a shell block is one of this repository's tools, with a subcommand and options
 * its `--help` prints and scripts its package.json has; every metric a PromQL block names is
 * exported or recorded; every relative link points at a file.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { REASONS } from '@ii/probes';
import { CANISTER, PROBE, RELEASE, RUNBOOKS_URL, ruleGroups } from '../src/index.js';
import {
  type Tools,
  alertsOf,
  checkAlertRunbook,
  checkCommand,
  checkCommands,
  checkProcedure,
  checkQueries,
  checkRunbookSet,
  commandLines,
  inlineCommands,
  isRelativeLink,
  parseHelp,
  parseMarkdown,
  promqlMetricNames,
  shellWords,
  tableFirstColumn,
} from './runbooks.test-support.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const RUNBOOKS = join(REPO, 'runbooks');
const CLI_HELP = fileURLToPath(new URL('cli-help.ts', import.meta.url));

/** What test/cli-help.ts prints. */
interface CliHelp {
  top: string;
  subcommands: Record<string, string>;
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/**
 * A bin is a thin launcher of a TypeScript module exporting main(argv) (as bin/ii-deploy.js is):
 * that module, or undefined when the launcher does not read so.
 */
function cliModule(bin: string): string | undefined {
  const m = /import\(\s*['"]([^'"]+\.ts)['"]\s*\)/.exec(readFileSync(bin, 'utf8'));
  return m ? join(dirname(bin), m[1]!) : undefined;
}

/**
 * The workspaces' scripts and command-line tools, from their package.json files. The help texts
 * of a tool come from one process (test/cli-help.ts) that calls its main(argv) with --help.
 */
function repositoryTools(): Tools {
  const root = readJson(join(REPO, 'package.json'));
  const scripts = new Map<string | undefined, Record<string, string>>();
  const bins = new Map<string, string>();
  scripts.set(undefined, (root.scripts ?? {}) as Record<string, string>);
  for (const ws of root.workspaces as string[]) {
    const pkg = readJson(join(REPO, ws, 'package.json'));
    scripts.set(ws, (pkg.scripts ?? {}) as Record<string, string>);
    for (const [name, file] of Object.entries((pkg.bin ?? {}) as Record<string, string>))
      bins.set(name, join(REPO, ws, file));
  }
  const helps = new Map<string, Promise<CliHelp>>();
  const run = promisify(execFile);
  const helpsOf = (cli: string, bin: string): Promise<CliHelp> => {
    let texts = helps.get(cli);
    if (!texts) {
      const module = cliModule(bin);
      if (!module) throw new Error(`${bin} (the bin ${cli}) does not import a TypeScript main`);
      texts = run(process.execPath, ['--import', 'tsx', CLI_HELP, module], { cwd: REPO }).then(
        (r) => JSON.parse(r.stdout) as CliHelp,
      );
      helps.set(cli, texts);
    }
    return texts;
  };
  return {
    scripts: (ws) => scripts.get(ws),
    async help(cli, sub) {
      const bin = bins.get(cli);
      if (!bin) return undefined;
      const texts = await helpsOf(cli, bin);
      return sub === undefined ? texts.top : texts.subcommands[sub];
    },
  };
}

function markdownFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(RUNBOOKS, { recursive: true, encoding: 'utf8' }))
    if (entry.endsWith('.md'))
      files.set(entry.split('\\').join('/'), readFileSync(join(RUNBOOKS, entry), 'utf8'));
  return files;
}

describe('runbooks/', () => {
  const alerts = alertsOf(ruleGroups());
  let files: Map<string, string>;
  beforeAll(() => {
    files = markdownFiles();
  });

  it('the rules have alerts (the checks below would pass vacuously otherwise)', () => {
    expect(alerts.length).toBeGreaterThan(10);
  });

  it("every alert's runbook_url is a runbook naming the alert, with its sections; every file is an alert's, the README or a listed procedure; the README's index matches the rules", () => {
    expect(checkRunbookSet({ alerts, baseUrl: RUNBOOKS_URL, files })).toEqual([]);
  });

  it("every command in a shell block is this repository's, with subcommands, options and scripts that exist", async () => {
    const tools = repositoryTools();
    const problems: string[] = [];
    let count = 0;
    await Promise.all(
      [...files].map(async ([path, text]) => {
        const md = parseMarkdown(text);
        count += commandLines(md).length;
        for (const p of await checkCommands(md, tools)) problems.push(`runbooks/${path}:${p}`);
      }),
    );
    expect(problems.sort()).toEqual([]);
    expect(count).toBeGreaterThan(0);
  });

  it('every metric a promql block names is exported (exporter, ii-deploy, canister, scrapes) or recorded by the rules', () => {
    const exported = [
      ...Object.values(PROBE),
      ...Object.values(RELEASE),
      ...Object.values(CANISTER),
      'up',
    ];
    const known = new Set([
      ...exported.flatMap((m) => [m, `${m}_bucket`, `${m}_sum`, `${m}_count`]),
      ...ruleGroups().flatMap((g) => g.rules.flatMap((r) => ('record' in r ? [r.record] : []))),
    ]);
    const problems: string[] = [];
    let queries = 0;
    for (const [path, text] of files) {
      const md = parseMarkdown(text);
      queries += md.blocks.filter((b) => b.lang === 'promql').length;
      for (const p of checkQueries(md, known)) problems.push(`runbooks/${path}:${p}`);
    }
    expect(problems).toEqual([]);
    expect(queries).toBeGreaterThan(10);
  });

  it("the README's table of failure reasons lists exactly the probes' reasons", () => {
    const listed = tableFirstColumn(parseMarkdown(files.get('README.md')!), 'Failure reasons');
    expect(listed).toEqual([...REASONS]);
  });

  it('every relative link points at a file of the repository', () => {
    const broken: string[] = [];
    for (const [path, text] of files)
      for (const link of parseMarkdown(text).links) {
        if (!isRelativeLink(link.target)) continue;
        const target = join(dirname(join(RUNBOOKS, path)), link.target.split('#')[0]!);
        if (relative(REPO, target).startsWith('..') || !existsSync(target))
          broken.push(`runbooks/${path}:${link.line}: ${link.target}`);
      }
    expect(broken).toEqual([]);
  });
});

describe('the runbook checks catch', () => {
  const help = {
    top: `Usage: ii-deploy [options] [command]

Options:
  -h, --help          display help for command

Commands:
  rollback [options]  upgrade a target back to a release (default: the one
                      before) and probe it
  status [options]    per target: the certified module
  help [command]      display help for command
`,
    rollback: `Usage: ii-deploy rollback [options]

Options:
  --config <file>  deploy config
  --target <name>  the target
  --to <version>   the release to go back to
  -h, --help       display help for command
`,
    probe: `Usage: ii-probe run [options]

Options:
  --flow <flow>               only this flow (repeatable) (choices: "page",
                              "login", "api", "register")
  --no-captcha                ad hoc target: registration asks for no captcha
  -h, --help                  display help for command
`,
  };
  const fake: Tools = {
    async help(cli, sub) {
      if (cli === 'ii-deploy') return sub === 'rollback' ? help.rollback : sub ? '' : help.top;
      if (cli === 'ii-probe')
        return sub ? help.probe : 'Usage: ii-probe\n\nCommands:\n  run [options]  run\n';
      return undefined;
    },
    scripts: (ws): Record<string, string> | undefined =>
      ws === undefined
        ? { start: '', test: '' }
        : ws === 'dashboards'
          ? { generate: '' }
          : undefined,
  };
  const problemsOf = async (line: string) => {
    const out: string[] = [];
    for (const words of shellWords(line).commands) out.push(...(await checkCommand(words, fake)));
    return out;
  };

  it('reads commander help: options with choices, subcommands', () => {
    expect(parseHelp(help.top).commands).toEqual(['rollback', 'status', 'help']);
    const probe = parseHelp(help.probe);
    expect(probe.options.get('--flow')).toEqual(['page', 'login', 'api', 'register']);
    expect([...probe.options.keys()]).toEqual(['--flow', '--no-captcha', '-h', '--help']);
  });

  it('accepts good commands', async () => {
    for (const line of [
      'npx ii-deploy rollback --config "$DEPLOY_CONFIG" --target production --to <version>',
      'npx ii-deploy --help',
      'npx ii-probe run --flow login --no-captcha',
      'npx ii-probe run --flow=page',
      'LOG_FORMAT=json npm start',
      'npm test',
      'npm run generate -w dashboards -- --check',
      'npm run generate --workspace=dashboards',
    ])
      expect(await problemsOf(line), line).toEqual([]);
  });

  it('an unknown subcommand, option or choice', async () => {
    expect(await problemsOf('npx ii-deploy frobnicate --target production')).toEqual([
      '`ii-deploy frobnicate`: no such subcommand (ii-deploy has rollback, status, help)',
    ]);
    expect(
      await problemsOf('npx ii-deploy rollback --target production --proposal-out p.json'),
    ).toEqual(['`ii-deploy rollback` has no option --proposal-out']);
    expect(await problemsOf('npx ii-probe run --flow logon')).toEqual([
      '`ii-probe run --flow` takes page, login, api, register, not logon',
    ]);
    expect(await problemsOf('npx ii-deploy --target production')).toEqual([
      '`ii-deploy` needs a subcommand (rollback, status, help)',
    ]);
  });

  it('a program that is not one of the tools, also after a pipe, and a substitution', async () => {
    expect(await problemsOf('curl -s http://127.0.0.1:9464/probes')).toHaveLength(1);
    expect(await problemsOf('npx ii-deploy rollback --to 1 | jq .')).toEqual([
      expect.stringContaining('`jq .` is not one of'),
    ]);
    expect(await problemsOf('npx dfx deploy')).toHaveLength(1);
    expect(await problemsOf('npx ii-unknown run')).toHaveLength(1);
    expect(shellWords('npx ii-deploy rollback --to $(cat v)').problems).toEqual([
      'a command substitution',
    ]);
    expect(await problemsOf('FOO=1')).toEqual(['only variable assignments, no command']);
  });

  it('a script or workspace that does not exist', async () => {
    expect(await problemsOf('npm run deploy -w dashboards')).toEqual([
      'workspace dashboards has no script deploy',
    ]);
    expect(await problemsOf('npm run generate')).toEqual([
      'the root package.json has no script generate',
    ]);
    expect(await problemsOf('npm test -w nowhere')).toEqual(['there is no workspace nowhere']);
  });

  it('commands in sh blocks (continuations joined, comments and blank lines left out) and quoted inline', async () => {
    const md = parseMarkdown(
      [
        '# T',
        '```sh',
        '# a comment',
        '',
        'npx ii-deploy rollback \\',
        '  --target production \\',
        '  --to 1.2.0   # the last good one',
        'npx ii-deploy frobnicate',
        '```',
        '```promql',
        'up{job="ii-exporter"} == 0',
        '```',
        '```bash',
        'rm -rf /',
        '```',
        'Prose: `npx ii-deploy status --frob` is checked, `npx ii-deploy` and `npm ci` are names.',
      ].join('\n'),
    );
    expect(commandLines(md)).toEqual([
      {
        line: 5,
        text: 'npx ii-deploy rollback --target production --to 1.2.0   # the last good one',
      },
      { line: 8, text: 'npx ii-deploy frobnicate' },
      { line: 14, text: 'rm -rf /' },
    ]);
    expect(inlineCommands(md)).toEqual([{ line: 16, text: 'npx ii-deploy status --frob' }]);
    const problems = await checkCommands(md, fake);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^8: npx ii-deploy frobnicate: /);
    expect(problems[1]).toMatch(/^14: rm -rf \/: `rm -rf` is not one of/);
    expect(problems[2]).toMatch(/^16: npx ii-deploy status --frob: /);
  });

  const body: Record<string, string> = {
    Diagnosis: '```promql\nup{job="ii-exporter"}\n```',
    Dashboards: '- **Internet Identity / Health**: _Probe status_',
  };
  const good = (name: string) =>
    [
      `# ${name}`,
      '',
      ...['Meaning', 'Impact', 'Diagnosis', 'Mitigation', 'Escalation', 'Dashboards'].map(
        (s) => `## ${s}\n\n${body[s] ?? 'text'}\n`,
      ),
    ].join('\n');

  it('a runbook with the wrong title or sections', () => {
    expect(checkAlertRunbook('ProbeFailing', parseMarkdown(good('ProbeFailing')))).toEqual([]);
    expect(checkAlertRunbook('ProbeFailing', parseMarkdown(good('ProbeFailed')))).toHaveLength(1);
    const swapped = good('ProbeFailing')
      .replace('## Impact', '## X')
      .replace('## Meaning', '## Impact')
      .replace('## X', '## Meaning');
    expect(checkAlertRunbook('ProbeFailing', parseMarkdown(swapped))).toHaveLength(1);
    const missing = good('ProbeFailing').replace('## Escalation', '### Escalation');
    expect(checkAlertRunbook('ProbeFailing', parseMarkdown(missing))).toHaveLength(1);
    expect(
      checkAlertRunbook('ProbeFailing', parseMarkdown('```sh\n# ProbeFailing\n```\n')),
    ).toHaveLength(2);
    expect(checkProcedure(parseMarkdown('Some text\n\n## Steps\n'))).toHaveLength(1);
  });

  it('a Diagnosis without a command or query, a Dashboards section naming no or unknown dashboards', () => {
    const noCommand = good('ProbeFailing').replace(
      body.Diagnosis!,
      '```text\nup{job="ii-exporter"}\n```',
    );
    expect(checkAlertRunbook('ProbeFailing', parseMarkdown(noCommand))).toEqual([
      'the Diagnosis section has no ```sh or ```promql block',
    ]);
    const shell = good('ProbeFailing').replace(body.Diagnosis!, '```sh\nnpx ii-probe run\n```');
    expect(checkAlertRunbook('ProbeFailing', parseMarkdown(shell))).toEqual([]);
    const none = good('ProbeFailing').replace(body.Dashboards!, 'the Health dashboard');
    expect(checkAlertRunbook('ProbeFailing', parseMarkdown(none))).toHaveLength(1);
    const unknown = good('ProbeFailing').replace('/ Health', '/ Latency');
    expect(checkAlertRunbook('ProbeFailing', parseMarkdown(unknown))).toEqual([
      'the Dashboards section names Internet Identity / Latency, which is not a dashboard',
    ]);
  });

  it('reads the first column of a table under a section', () => {
    const md = parseMarkdown(
      '# R\n\n## Failure reasons\n\n| reason | what |\n| --- | --- |\n| `csp` | x |\n| `tls` | y |\n\n## Next\n\n| a |\n| - |\n| b |\n',
    );
    expect(tableFirstColumn(md, 'Failure reasons')).toEqual(['csp', 'tls']);
    expect(tableFirstColumn(md, 'Missing')).toEqual([]);
  });

  it('reads the metric names of a PromQL query, and flags those nothing exports', () => {
    expect(
      promqlMetricNames(
        'histogram_quantile(0.95, sum by (le, hostname) (rate(ii_probe_step_duration_seconds_bucket{flow="login", step=~"a|b"}[5m] offset 1h)))',
      ),
    ).toEqual(['ii_probe_step_duration_seconds_bucket']);
    expect(
      promqlMetricNames(
        '(time() - internet_identity_last_upgrade_timestamp{target="production"} / 1e9) / 60 > bool 0 and on (target) up == 1',
      ),
    ).toEqual(['internet_identity_last_upgrade_timestamp', 'up']);
    expect(promqlMetricNames('slo:sli_error:ratio_rate5m{slo="login-availability"}')).toEqual([
      'slo:sli_error:ratio_rate5m',
    ]);
    const md = parseMarkdown('```promql\nrate(ii_probe_runs_total[5m]) + ii_probe_runs\n```\n');
    expect(checkQueries(md, new Set(['ii_probe_runs_total']))).toEqual([
      '2: ii_probe_runs is a metric nothing exports',
    ]);
  });

  it('a missing runbook, a stray file, an unlisted or missing procedure, a stale index', () => {
    const base = 'https://example.org/runbooks';
    const alerts = alertsOf([
      {
        rules: [
          { record: 'x' } as never,
          {
            alert: 'ProbeFailing',
            labels: { severity: 'page' },
            annotations: { runbook_url: `${base}/probe-failing.md` },
          },
          {
            alert: 'ExporterDown',
            labels: { severity: 'page' },
            annotations: { runbook_url: `${base}/exporter-down.md` },
          },
          {
            alert: 'ExporterDown',
            labels: { severity: 'ticket' },
            annotations: { runbook_url: `${base}/exporter-down.md` },
          },
        ],
      },
    ]);
    const readme = [
      '# Runbooks',
      '',
      '## Alerts',
      '',
      '| alert | severity | what |',
      '| --- | --- | --- |',
      '| [ProbeFailing](probe-failing.md) | page | a probe fails |',
      '| [ExporterDown](exporter-down.md) | page, ticket | no probes |',
      '',
      '## Procedures',
      '',
      '- [Rollback](procedures/rollback.md)',
      '',
    ].join('\n');
    const files = new Map([
      ['README.md', readme],
      ['probe-failing.md', good('ProbeFailing')],
      ['exporter-down.md', good('ExporterDown')],
      ['procedures/rollback.md', '# Rollback\n'],
    ]);
    expect(checkRunbookSet({ alerts, baseUrl: base, files })).toEqual([]);

    const without = new Map(files);
    without.delete('exporter-down.md');
    expect(checkRunbookSet({ alerts, baseUrl: base, files: without })).toEqual([
      'ExporterDown: runbooks/exporter-down.md does not exist',
    ]);

    const stray = new Map(files).set('procedures/old.md', '# Old\n');
    expect(checkRunbookSet({ alerts, baseUrl: base, files: stray })).toEqual([
      'runbooks/procedures/old.md belongs to no alert and is not listed under ## Procedures in runbooks/README.md',
    ]);

    const unlisted = new Map(files).set(
      'README.md',
      readme.replace('- [Rollback](procedures/rollback.md)', ''),
    );
    expect(checkRunbookSet({ alerts, baseUrl: base, files: unlisted })).toHaveLength(1);

    const ghost = new Map(files).set('README.md', `${readme}- [Restore](procedures/restore.md)\n`);
    expect(checkRunbookSet({ alerts, baseUrl: base, files: ghost })).toEqual([
      'runbooks/README.md lists procedures/restore.md, which does not exist',
    ]);

    const stale = new Map(files).set(
      'README.md',
      readme
        .replace('page, ticket', 'page')
        .replace(
          '| [ProbeFailing](probe-failing.md) | page | a probe fails |\n',
          '| [ProbeFailed](probe-failing.md) | page | old |\n',
        ),
    );
    expect(checkRunbookSet({ alerts, baseUrl: base, files: stale })).toEqual([
      'runbooks/README.md: ProbeFailing is missing from the table under ## Alerts',
      'runbooks/README.md:8: ExporterDown is page, ticket, the table says page',
      'runbooks/README.md:7: ProbeFailed is not an alert of the rules',
    ]);

    const elsewhere = alertsOf([
      {
        rules: [
          {
            alert: 'ProbeFailing',
            labels: { severity: 'page' },
            annotations: { runbook_url: 'https://wiki.example.org/probe-failing' },
          },
        ],
      },
    ]);
    expect(
      checkRunbookSet({
        alerts: elsewhere,
        baseUrl: base,
        files: new Map([['README.md', '# R\n']]),
      }),
    ).toContain(
      'ProbeFailing: runbook_url https://wiki.example.org/probe-failing is not a Markdown file under https://example.org/runbooks/',
    );
  });
});
