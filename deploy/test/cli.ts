/** Runs `ii-deploy` in-process and collects its stdout lines, stderr and exit code. */
import { main } from '../src/cli.js';

export async function deploy(
  args: string[],
): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  let err = '';
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string) => (
    out.push(...String(c).split('\n').filter(Boolean)),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => ((err += String(c)), true)) as typeof process.stderr.write;
  try {
    return { code: await main(args), out, err };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}
