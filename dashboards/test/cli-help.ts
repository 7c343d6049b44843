/**
 * Prints, as one JSON object, the `--help` text of a command-line tool and of each of its
 * subcommands: runbooks.test.ts checks the runbooks' commands against them. One process per tool,
 * not one per subcommand, because each start loads the tool's whole module graph through tsx.
 *
 *   node --import tsx test/cli-help.ts <file exporting main(argv): Promise<number>>
 *
 * stdout: {"top": "<help>", "subcommands": {"<name>": "<help>", …}}
 */
import { pathToFileURL } from 'node:url';
import { parseHelp } from './runbooks.test-support.js';

type Main = (argv: string[]) => Promise<number>;

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: cli-help.ts <module exporting main(argv)>\n');
  process.exit(2);
}
const { main } = (await import(pathToFileURL(file).href)) as { main?: Main };
if (typeof main !== 'function') {
  process.stderr.write(`${file} exports no main(argv)\n`);
  process.exit(2);
}

/** What `main([...argv, '--help'])` writes to stdout (commander prints help there). */
async function helpOf(run: Main, argv: string[]): Promise<string> {
  let text = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    await run([...argv, '--help']);
  } finally {
    process.stdout.write = write;
  }
  return text;
}

const top = await helpOf(main, []);
const subcommands: Record<string, string> = {};
for (const name of parseHelp(top).commands) subcommands[name] = await helpOf(main, [name]);
process.stdout.write(`${JSON.stringify({ top, subcommands })}\n`);
// The tools' modules may hold handles (agents, loggers) that would keep the process alive.
process.exit(0);
