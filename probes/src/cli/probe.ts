/**
 * `ii-probe`: run the synthetic probes of one target once, or enroll the probe's identity.
 * stdout: results (JSON lines with --json); stderr: logs. Exit codes: 0 every run succeeded,
 * 1 a run failed, 2 a usage, configuration or credentials error (one line, no stack trace).
 */
import { existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { BrowserPool, surviveLateBrowserEvents } from '../browser.js';
import { readCredentials } from '../credentials.js';
import { enroll } from '../enroll.js';
import { ProbeError } from '../errors.js';
import { FLOWS, type Flow, type ProbeResult } from '../result.js';
import { probesOf, runProbe } from '../runner.js';
import { type TargetFlags, addTargetOptions, selectTarget } from './target-options.js';

const EXAMPLES = `
Examples:
  # every flow of the local production target that npm start brings up
  npx ii-probe run --config probes/config/local.yaml --target production --json

  # one flow, one hostname
  npx ii-probe run --config probes/config/local.yaml --target production --flow page --hostname identity.ic0.app

  # an ad hoc target: the page flow against mainnet
  npx ii-probe run --canister-id rdmx6-jaaaa-aaaaa-aaadq-cai --network ic --flow page

  # give the probe its identity (captcha off: a new anchor; otherwise --anchor N and a code)
  npx ii-probe enroll --config probes/config/local.yaml --target canary
`;

function human(r: ProbeResult): string {
  const steps = r.steps.map((s) => `${s.name} ${s.seconds}s`).join(', ');
  return r.success
    ? `ok    ${r.target} ${r.flow} ${r.hostname} in ${r.seconds}s (${steps})`
    : `FAIL  ${r.target} ${r.flow} ${r.hostname}: ${r.reason}: ${r.detail}${r.artifacts.length ? ` [artifacts: ${r.artifacts.join(', ')}]` : ''}`;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('ii-probe')
    .description('Synthetic probes of an Internet Identity deployment through its real hostnames')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', EXAMPLES);

  addTargetOptions(
    program
      .command('run')
      .description('run the probes of a target once and print one result per run')
      .addOption(
        new Option('--flow <flow>', 'only this flow (repeatable)')
          .choices([...FLOWS])
          .argParser((v: string, prev: string[] = []) => [...prev, v]),
      )
      .option('--json', 'one JSON result per line on stdout'),
  ).action(async (flags: TargetFlags & { flow?: Flow[]; json?: boolean }) => {
    const { target, config } = selectTarget(flags);
    const flows = flags.flow ?? target.flows;
    let specs = probesOf(target, flows);
    if (config && flags.hostname.length)
      specs = specs.filter((s) => s.flow === 'api' || flags.hostname.includes(s.hostname));
    const needsIdentity = specs.some((s) => s.flow === 'login' || s.flow === 'api');
    const credentials =
      needsIdentity && target.credentials && existsSync(target.credentials)
        ? readCredentials(target.credentials)
        : needsIdentity && target.credentials
          ? (() => {
              throw new ProbeError(
                'II_ERR_PROBE_CREDENTIALS',
                `${target.credentials} does not exist: run ii-probe enroll first`,
              );
            })()
          : undefined;
    surviveLateBrowserEvents(
      () => undefined,
      (e) => {
        process.stderr.write(`ii-probe: ${e.message.split('\n')[0]}\n`);
        process.exit(1);
      },
    );
    const browsers = new BrowserPool();
    try {
      for (const spec of specs) {
        const result = await runProbe(spec, {
          browsers,
          credentials,
          artifactsRoot: config?.artifacts ?? '.probes/artifacts',
          keepArtifacts: config?.keepArtifacts ?? 20,
        });
        process.stdout.write(`${flags.json ? JSON.stringify(result) : human(result)}\n`);
        if (!result.success) exitCode = 1;
      }
    } finally {
      await browsers.close();
    }
  });

  addTargetOptions(
    program
      .command('enroll')
      .description('give the probe its own identity on the target and write its credentials file')
      .option('--anchor <number>', 'join this anchor through device registration mode')
      .option('--force', 'replace an existing credentials file')
      .option('--json', 'print the result as JSON'),
  ).action(async (flags: TargetFlags & { anchor?: string; force?: boolean; json?: boolean }) => {
    const { target } = selectTarget(flags);
    if (flags.anchor !== undefined && !/^\d+$/.test(flags.anchor))
      throw new ProbeError('II_ERR_PROBE_USAGE', `--anchor must be a number, got ${flags.anchor}`);
    const enrolled = await enroll({
      target,
      anchor: flags.anchor === undefined ? undefined : BigInt(flags.anchor),
      force: flags.force,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(
      flags.json
        ? `${JSON.stringify(enrolled)}\n`
        : `enrolled: anchor ${enrolled.anchor}, credentials in ${enrolled.credentials}\n`,
    );
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ProbeError) {
      process.stderr.write(`ii-probe: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`ii-probe: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}
