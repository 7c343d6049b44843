/**
 * `npm start`'s logs: every line as JSON in a file in the state dir, and on stderr either the same
 * JSON (for scripts; the default when stderr is not a terminal) or short human lines without the
 * per-request entries (the default on a terminal), so that the printed URLs stay in view.
 */
import { mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { ScriptError } from './errors.js';

export type LogFormat = 'json' | 'pretty';

export const LOG_FILE_NAME = join('logs', 'start.log');

export function parseLogFormat(raw: string | undefined, isTty: boolean): LogFormat {
  if (raw === undefined || raw === '') return isTty ? 'pretty' : 'json';
  if (raw === 'json' || raw === 'pretty') return raw;
  throw new ScriptError('II_ERR_SCRIPT_ENV', `LOG_FORMAT must be json or pretty, got ${raw}`);
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/**
 * One JSON log line as a short human line, or null for a per-request line (Fastify's, which carry
 * `reqId`) below warn: those stay in the file.
 */
export function humanLine(json: string): string | null {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const level = typeof entry.level === 'number' ? entry.level : 30;
  if ('reqId' in entry && level < 40) return null;
  const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now());
  const hhmmss = time.toTimeString().slice(0, 8);
  const where = typeof entry.canister === 'string' ? ` [${entry.canister}]` : '';
  const err =
    entry.err && typeof entry.err === 'object' && 'message' in entry.err
      ? `: ${String((entry.err as { message: unknown }).message)}`
      : '';
  return `${hhmmss} ${(LEVELS[level] ?? String(level)).padEnd(5)}${where} ${String(entry.msg ?? '')}${err}`;
}

/** A logger writing JSON to `<stateDir>/logs/start.log` and, in `format`, to stderr. */
export function startLogger(stateDir: string, format: LogFormat): { log: Logger; file: string } {
  const file = join(stateDir, LOG_FILE_NAME);
  mkdirSync(join(stateDir, 'logs'), { recursive: true });
  // One run's log: a fresh file per start, so it cannot grow without bound.
  const fd = openSync(file, 'w');
  // Synchronous writes: log lines and the URL block reach the terminal in order, none lost on exit.
  const toFile = { write: (line: string) => void writeSync(fd, line) };
  const toStderr =
    format === 'json'
      ? { write: (line: string) => void writeSync(2, line) }
      : {
          write: (line: string) => {
            const human = humanLine(line);
            if (human !== null) writeSync(2, `${human}\n`);
          },
        };
  const log = pino(
    { base: { service: 'start' } },
    pino.multistream([{ stream: toFile }, { stream: toStderr }]),
  );
  return { log, file };
}
