// The release and verify workflows run ii-deploy, and the README shows it: every command line in
// them must be one the CLI accepts (its subcommands and options, from --help); in the workflows,
// secrets reach scripts only through env.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { deploy } from './cli.js';
import {
  type Help,
  checkCommand,
  iiDeployCommands,
  markdownCommands,
  parseHelp,
  simpleCommands,
  workflowSteps,
} from './command-lines.js';

const WORKFLOWS = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));
const README = fileURLToPath(new URL('../README.md', import.meta.url));
const read = (name: string) => readFileSync(`${WORKFLOWS}${name}`, 'utf8');

async function helpText(args: string[]): Promise<string> {
  const r = await deploy([...args, '--help']);
  expect(r.code).toBe(0);
  return r.out.join('\n');
}

let top: Help;
const subs = new Map<string, Help>();
beforeAll(async () => {
  top = parseHelp(await helpText([]));
  for (const name of top.commands) subs.set(name, parseHelp(await helpText([name])));
});
const check = (args: string[]) => checkCommand(args, top, (n) => subs.get(n));

describe('the --help reader and the check', () => {
  it('reads the commands and options of the real CLI', () => {
    expect(top.commands).toEqual(expect.arrayContaining(['build', 'canary', 'promote', 'verify']));
    expect(subs.get('promote')!.options.get('--proposal-out')).toBe(true);
    expect(subs.get('promote')!.options.get('--skip-canary')).toBe(false);
  });

  it('finds an unknown command, an unknown option, a missing value and a stray argument', () => {
    expect(check(['deploy'])).toEqual([expect.stringContaining('no command deploy')]);
    expect(check(['promote', '--release', '1.0', '--force'])).toEqual([
      'ii-deploy promote has no option --force',
    ]);
    expect(check(['verify', '--canister', '--network', 'ic'])).toEqual([
      'ii-deploy verify --canister needs a value',
    ]);
    expect(check(['status', 'production'])).toEqual([
      'ii-deploy status takes no argument production',
    ]);
    expect(check(['canary', '--config=x.yaml', '--release', '1.0', '--json'])).toEqual([]);
  });

  it('splits a script into commands like a shell (quotes, continuations, redirections)', () => {
    expect(
      simpleCommands(
        'npx ii-deploy build --version "$V" \\\n  --json > "$OUT/b.json" 2>&1 && cmp a b # done\necho \'x y\'',
      ),
    ).toEqual([
      ['npx', 'ii-deploy', 'build', '--version', '$V', '--json'],
      ['cmp', 'a', 'b'],
      ['echo', 'x y'],
    ]);
  });
});

describe.each([
  ['release.yml', ['build', 'canary', 'promote']],
  ['verify.yml', ['verify']],
])('.github/workflows/%s', (file, expected) => {
  const text = read(file);

  it(`runs ii-deploy ${expected.join(', ')}, each as the CLI accepts it`, () => {
    const commands = iiDeployCommands(text);
    expect(commands.map((c) => c[0])).toEqual(expect.arrayContaining(expected));
    for (const args of commands) expect(check(args), args.join(' ')).toEqual([]);
  });

  it('hands secrets and inputs to scripts only through env, never inside a script', () => {
    for (const step of workflowSteps(text)) {
      expect(step.run ?? '').not.toMatch(/\$\{\{\s*(secrets|inputs|vars)\./);
    }
    if (file === 'verify.yml') {
      const verify = iiDeployCommands(text).find((c) => c[0] === 'verify')!;
      expect(verify.slice(verify.indexOf('--network'), verify.indexOf('--network') + 2)).toEqual([
        '--network',
        'ic',
      ]);
    }
  });
});

describe('deploy/README.md', () => {
  it('shows every command, each as the CLI accepts it', () => {
    const commands = markdownCommands(readFileSync(README, 'utf8'));
    expect([...new Set(commands.map((c) => c[0]))].sort()).toEqual([...top.commands].sort());
    for (const args of commands) expect(check(args), args.join(' ')).toEqual([]);
  });

  it('reads shell blocks and inline commands, placeholders as values', () => {
    const md = [
      'Run `npx ii-deploy status --config x.yaml` or `npx ii-deploy --help`.',
      '```sh',
      'npx ii-deploy verify --network ic --canister <id> --commit <commit>',
      '```',
    ].join('\n');
    expect(markdownCommands(md)).toEqual([
      ['verify', '--network', 'ic', '--canister', 'PLACEHOLDER', '--commit', 'PLACEHOLDER'],
      ['status', '--config', 'x.yaml'],
    ]);
  });
});
