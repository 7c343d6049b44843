// A localnet process for signal-stop.test.ts: a counter canister with committed increments, then
// an endless update running when the test sends the signal. Run with `node --import tsx`.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import pino from 'pino';
import { stopOnSignals } from '../src/cli.js';
import { startLocalnet } from '../src/localnet.js';
import { fixtureWasm } from '../src/testing/fixtures.js';
import { tinyWasm } from '../src/wasm/test-support.js';
import { fixtureInitArg } from './fixture-idl.test-support.js';
import { EMPTY_ARG } from './test-support.js';

const stateDir = process.argv[2]!;
const SPIN = [0x03, 0x40, 0x0c, 0x00, 0x0b]; // loop br 0 end

const net = await startLocalnet({ port: 0, stateDir, saveIntervalMs: 3_600_000 });
const anonymous = Principal.anonymous();
const counter = await net.installCanister(fixtureWasm(), { arg: fixtureInitArg(0n) });
let count = 0n;
for (let i = 0; i < 3; i++) {
  const r = await net.replica.call(anonymous, counter, 'inc', EMPTY_ARG);
  if (r.kind !== 'reply') throw new Error(`inc: ${r.message}`);
  count = IDL.decode([IDL.Nat64], r.data)[0] as bigint;
}
const spinner = await net.installCanister(
  tinyWasm([], [{ export: 'canister_update spin', body: SPIN }]),
);
stopOnSignals(net, pino({ base: { service: 'localnet' } }, pino.destination(2)));
process.stdout.write(
  `${JSON.stringify({ event: 'spinning', counter: counter.toText(), spinner: spinner.toText(), count: count.toString() })}\n`,
);
// At the IC's 40 B-instruction limit this update runs for minutes.
void net.replica.call(anonymous, spinner, 'spin', EMPTY_ARG);
