import { describe, expect, it } from 'vitest';
import { humanLine, parseLogFormat } from './start-log.js';

describe('npm start logs on a terminal', () => {
  const time = new Date(2026, 0, 31, 15, 1, 2).getTime();

  it('drops the per-request lines, which stay in the log file', () => {
    const req = JSON.stringify({ level: 30, time, reqId: 'req-1', req: { url: '/api/v2/status' } });
    expect(humanLine(req)).toBeNull();
  });

  it('keeps a request that went wrong', () => {
    const line = JSON.stringify({ level: 50, time, reqId: 'req-2', msg: 'boom' });
    expect(humanLine(line)).toBe('15:01:02 ERROR boom');
  });

  it('prints lifecycle lines short, with the canister they concern', () => {
    const line = JSON.stringify({
      level: 30,
      time,
      canister: 'rdmx6-jaaaa-aaaaa-aaadq-cai',
      msg: 'Internet Identity installed',
    });
    expect(humanLine(line)).toBe(
      '15:01:02 INFO  [rdmx6-jaaaa-aaaaa-aaadq-cai] Internet Identity installed',
    );
  });

  it('chooses pretty on a terminal and JSON for scripts, and refuses anything else', () => {
    expect(parseLogFormat(undefined, true)).toBe('pretty');
    expect(parseLogFormat('', false)).toBe('json');
    expect(parseLogFormat('json', true)).toBe('json');
    expect(() => parseLogFormat('yaml', true)).toThrow(/LOG_FORMAT must be json or pretty/);
  });
});
