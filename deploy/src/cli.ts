/**
 * `ii-deploy`: reproducible releases, canary first, promote, automatic rollback, one-command
 * verification. stdout: the result (JSON with --json, else a line for humans); stderr: JSON logs of
 * every step. Exit codes: 0 done, 1 a release went wrong (undone where it could be; see the log),
 * 2 a mistake in the command line, config or input (nothing changed), 3 refused by a guard
 * (nothing changed).
 */
import { createInterface } from 'node:readline/promises';
import { Command, CommanderError, Option } from 'commander';
import { surviveLateBrowserEvents } from '@ii/probes';
import { build } from './commands/build/index.js';
import { backup } from './commands/backup/index.js';
import { canary } from './commands/canary/index.js';
import { promote } from './commands/promote/index.js';
import { releases } from './commands/releases/index.js';
import { restore } from './commands/restore/index.js';
import { rollback } from './commands/rollback/index.js';
import { status } from './commands/status/index.js';
import { verify } from './commands/verify/index.js';
import { loadDeployConfig } from './config.js';
import { deploymentFor } from './context.js';
import { DeployError } from './errors.js';
import { REPO } from './release.js';

const EXAMPLES = `
Examples (against npm start's localnet, with deploy/config/local.yaml):
  npx ii-deploy build --version 1.2.0
  npx ii-deploy canary --config deploy/config/local.yaml --release 1.2.0 --target canary
  npx ii-deploy promote --config deploy/config/local.yaml --release 1.2.0 --target production
  npx ii-deploy status --config deploy/config/local.yaml --json
  npx ii-deploy verify --network ic --canister rdmx6-jaaaa-aaaaa-aaadq-cai
  npx ii-deploy rollback --config deploy/config/local.yaml --target production --to 1.1.0
  npx ii-deploy backup --config deploy/config/local.yaml --target production --out ii.snapshot
`;

function print(json: boolean | undefined, value: unknown, human: string): void {
  process.stdout.write(
    json
      ? `${JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`
      : `${human}\n`,
  );
}

const log = (line: string) =>
  process.stderr.write(`${JSON.stringify({ service: 'ii-deploy', msg: line })}\n`);

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`${question} [y/N] `);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('ii-deploy')
    .description(
      'Reproducible releases of Internet Identity: canary first, then production, rolled back by itself when a probe fails',
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addHelpText('after', EXAMPLES);

  program
    .command('build')
    .description(
      'build the release into releases/<VERSION>/ (reproducible: twice gives the same bytes)',
    )
    .option('--version <version>', 'release version (default: git describe)')
    .option('--releases <dir>', 'where releases go', `${REPO}releases`)
    .option('--allow-dirty', 'build with uncommitted changes (a trial, not a release)')
    .addOption(
      new Option('--flavor <flavor>', 'production, or test: the test build (never deployed)')
        .choices(['production', 'test'])
        .default('production'),
    )
    .option('--json', 'print the manifest as JSON')
    .action(
      async (o: {
        version?: string;
        releases: string;
        allowDirty?: boolean;
        flavor: 'production' | 'test';
        json?: boolean;
      }) => {
        const m = await build(o.releases, o.version, o.allowDirty ?? false, log, o.flavor);
        print(o.json, m, `built ${m.version}: ${m.wasmSha256}`);
      },
    );

  program
    .command('verify')
    .description(
      'rebuild the deployed commit in a clean worktree and compare with the certified module hash',
    )
    .requiredOption('--network <url>', 'ic, local or the API URL')
    .requiredOption('--canister <id>', 'the canister to verify')
    .option(
      '--commit <sha>',
      'the commit to rebuild (default: the release built here with that hash)',
    )
    .option(
      '--root-key <hex>',
      'the network root key (off mainnet; default: asked from the network)',
    )
    .option('--releases <dir>', 'where releases are', `${REPO}releases`)
    .option('--json', 'JSON on stdout')
    .action(
      async (o: {
        network: string;
        canister: string;
        commit?: string;
        rootKey?: string;
        releases: string;
        json?: boolean;
      }) => {
        const r = await verify({
          network: o.network,
          rootKey: o.rootKey,
          canisterId: o.canister,
          commit: o.commit,
          releasesDir: o.releases,
          log,
        });
        print(
          o.json,
          r,
          `${r.verdict}: deployed ${r.deployedHash}, rebuilt ${r.commit.slice(0, 12)} → ${r.rebuiltHash}`,
        );
        if (r.verdict !== 'match')
          throw new DeployError(
            'II_ERR_DEPLOY_VERIFY',
            `the deployed module is not commit ${r.commit}`,
          );
      },
    );

  program
    .command('canary')
    .description(
      'upgrade the canary to a release, probe it over the soak window, record the verdict (red: roll back)',
    )
    .requiredOption('--config <file>', 'deploy config')
    .requiredOption('--release <version>', 'the release')
    .option('--target <name>', 'the canary target', 'canary')
    .option('--soak <seconds>', "how long to probe (default: the config's soakSeconds)")
    .option('--json', 'JSON on stdout')
    .action(
      async (o: {
        config: string;
        release: string;
        target: string;
        soak?: string;
        json?: boolean;
      }) => {
        // Checked before anything is touched: NaN would end the soak after one probe round.
        const soak = o.soak === undefined ? undefined : Number(o.soak);
        if (soak !== undefined && !(Number.isFinite(soak) && soak >= 0))
          throw new DeployError(
            'II_ERR_DEPLOY_USAGE',
            `--soak takes a number of seconds (0 or more), not ${o.soak}`,
          );
        const d = deploymentFor(o.config, o.target);
        const r = await canary(d, o.release, soak);
        print(o.json, r, `canary green: ${r.target} runs ${r.version}`);
      },
    );

  program
    .command('promote')
    .description(
      'upgrade production to a release with a green canary verdict; red → automatic rollback',
    )
    .requiredOption('--config <file>', 'deploy config')
    .requiredOption('--release <version>', 'the release')
    .option('--target <name>', 'the production target', 'production')
    .option('--skip-canary', 'promote without a green canary verdict (asks for confirmation)')
    .option('--yes', 'confirm --skip-canary without asking')
    .option('--proposal-out <file>', 'where the NNS proposal goes (viaProposal targets)')
    .option('--json', 'JSON on stdout')
    .action(
      async (o: {
        config: string;
        release: string;
        target: string;
        skipCanary?: boolean;
        yes?: boolean;
        proposalOut?: string;
        json?: boolean;
      }) => {
        if (
          o.skipCanary &&
          !o.yes &&
          !(await confirm(`Promote ${o.release} to ${o.target} without a green canary?`))
        )
          throw new DeployError(
            'II_ERR_DEPLOY_USAGE',
            '--skip-canary was not confirmed (answer y, or pass --yes)',
          );
        const d = deploymentFor(o.config, o.target);
        const r = await promote(d, o.release, {
          skipCanary: o.skipCanary,
          proposalOut: o.proposalOut,
        });
        print(
          o.json,
          r,
          r.verdict === 'green'
            ? `production green: ${r.target} runs ${r.version}`
            : `proposal written to ${r.proposal}`,
        );
      },
    );

  program
    .command('rollback')
    .description('upgrade a target back to a release (default: the one before) and probe it')
    .requiredOption('--config <file>', 'deploy config')
    .requiredOption('--target <name>', 'the target')
    .option('--to <version>', 'the release to go back to')
    .option('--proposal-out <file>', 'where the NNS proposal goes (viaProposal targets)')
    .option('--json', 'JSON on stdout')
    .action(
      async (o: {
        config: string;
        target: string;
        to?: string;
        proposalOut?: string;
        json?: boolean;
      }) => {
        const r = await rollback(deploymentFor(o.config, o.target), o.to, o.proposalOut);
        print(
          o.json,
          r,
          r.verdict === 'green'
            ? `rolled back: ${r.target} runs ${r.version}`
            : `proposal written to ${r.proposal}`,
        );
      },
    );

  program
    .command('status')
    .description(
      'per target: the certified module and its release, the last verdicts, since when canary and production differ',
    )
    .requiredOption('--config <file>', 'deploy config')
    .option('--json', 'JSON on stdout')
    .action(async (o: { config: string; json?: boolean }) => {
      const s = await status(loadDeployConfig(o.config));
      const lines = s.targets.map(
        (t) =>
          `${t.target.padEnd(12)} ${t.release ?? '(unknown release)'} ${t.moduleHash ?? t.error ?? ''}`,
      );
      if (s.differingSince) lines.push(`canary and production differ since ${s.differingSince}`);
      print(o.json, s, lines.join('\n'));
    });

  program
    .command('releases')
    .description('the releases built here')
    .option('--releases <dir>', 'where releases are', `${REPO}releases`)
    .option('--json', 'JSON on stdout')
    .action((o: { releases: string; json?: boolean }) => {
      const list = releases(o.releases);
      print(
        o.json,
        list,
        list
          .map((m) => `${m.version.padEnd(16)} ${m.wasmSha256} ${m.gitCommit.slice(0, 12)}`)
          .join('\n') || '(none)',
      );
    });

  program
    .command('backup')
    .description('take a snapshot of a target and download it to a file')
    .requiredOption('--config <file>', 'deploy config')
    .requiredOption('--target <name>', 'the target')
    .requiredOption('--out <file>', 'the snapshot file to write')
    .option('--json', 'JSON on stdout')
    .action(async (o: { config: string; target: string; out: string; json?: boolean }) => {
      const r = await backup(deploymentFor(o.config, o.target), o.out);
      print(o.json, r, `backed up ${r.target} to ${r.file} (${r.bytes} bytes)`);
    });

  program
    .command('restore')
    .description('upload a snapshot file back into the same canister and load it')
    .requiredOption('--config <file>', 'deploy config')
    .requiredOption('--target <name>', 'the target')
    .requiredOption('--from <file>', 'the snapshot file')
    .option('--json', 'JSON on stdout')
    .action(async (o: { config: string; target: string; from: string; json?: boolean }) => {
      const r = await restore(deploymentFor(o.config, o.target), o.from);
      print(o.json, r, `restored ${r.target}: module ${r.moduleHash}`);
    });

  try {
    // canary, promote and rollback run probes in this process (see @ii/probes).
    surviveLateBrowserEvents(
      (e) => log(`ignored a late browser event: ${e.message.split('\n')[0]}`),
      (e) => {
        log(`uncaught exception: ${e.message.split('\n')[0]}`);
        process.exit(1);
      },
    );
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof DeployError) {
      process.stderr.write(`ii-deploy: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`ii-deploy: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}
