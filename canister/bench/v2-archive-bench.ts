/**
 * Instructions and time per v2 method and id_alias method, and what the archive adds to an anchor
 * operation, as localnet counts them (the IC's metering model, as in instructions-bench.ts).
 *
 *   cd canister && npx tsx bench/v2-archive-bench.ts
 *
 * The test build (dist-test/, placeholder page; built if missing) and the archive on an in-process
 * localnet, calls through the replica's message queue. Every anchor operation runs RUNS times on
 * fresh arguments before the archive exists, then RUNS times after deploy_archive (each then
 * buffers an entry); the difference of the medians is the archiving cost. Then the archive's
 * calls: fetch_entries with a full fetch (entries_fetch_limit entries) and acknowledge_entries.
 */
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { createHash } from 'node:crypto';
import { II_CANISTER_ID, encodeInitArg, initArg } from '@ii/client';
import { startLocalnet } from '@ii/localnet';
import { type AuthnMethodDataT, serviceMethods } from '../src/candid.js';
import { archiveWasm, ensureBuilt, iiWasm } from '../test/build-wasm.js';
import { deviceFor } from '../test/support.js';

type Method = keyof typeof serviceMethods;
const RUNS = 5;
const FETCH_LIMIT = 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await ensureBuilt();
const net = await startLocalnet({ port: 0 });
const replica = net.replica;
const id = await net.installCanister(iiWasm(), {
  canisterId: II_CANISTER_ID,
  arg: encodeInitArg(
    initArg('test', {
      overrides: {
        archive_config: [
          {
            module_hash: new Uint8Array(createHash('sha256').update(archiveWasm()).digest()),
            entries_buffer_limit: 10_000n,
            entries_fetch_limit: FETCH_LIMIT,
            // The archive's own pull stays out of the way: once a day.
            polling_interval_ns: 86_400n * 1_000_000_000n,
          },
        ],
        canister_creation_cycles_cost: [1_000_000_000_000n],
      },
    }),
  ),
});

type Row = { instructions: number[]; ms: number[] };
const phases = { before: new Map<string, Row>(), after: new Map<string, Row>() };
let phase: keyof typeof phases = 'before';
const note = (name: string, instructions: bigint | undefined, ms: number) => {
  const rows = phases[phase];
  const row = rows.get(name) ?? { instructions: [], ms: [] };
  row.instructions.push(Number(instructions ?? -1n));
  row.ms.push(ms);
  rows.set(name, row);
};

async function update(sender: Principal, method: Method, args: unknown[], name: string = method) {
  const f = serviceMethods[method];
  const t = performance.now();
  const r = await replica.call(sender, id, method, new Uint8Array(IDL.encode(f.argTypes, args)));
  note(name, r.instructions, performance.now() - t);
  if (r.kind === 'reject') throw new Error(`${method}: ${r.message}`);
  const [result] = IDL.decode(f.retTypes, r.data) as [unknown];
  if (result && typeof result === 'object' && 'Err' in result)
    throw new Error(
      `${method}: ${JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? `${v}` : v))}`,
    );
  return result;
}
function query(sender: Principal, method: Method, args: unknown[], name: string = method) {
  const f = serviceMethods[method];
  replica.state.dataCertificate(id); // sign the certificate before timing (see methods-bench)
  const t = performance.now();
  const r = replica.query(id, method, new Uint8Array(IDL.encode(f.argTypes, args)), sender);
  note(`${name} (query)`, r.instructions, performance.now() - t);
  if (r.kind === 'reject') throw new Error(`${method}: ${r.message}`);
  return (IDL.decode(f.retTypes, r.data) as [unknown])[0];
}

const keyOf = (i: Ed25519KeyIdentity) => new Uint8Array(i.getPublicKey().toDer());
const method = (i: Ed25519KeyIdentity, alias = 'phone'): AuthnMethodDataT => ({
  authn_method: {
    WebAuthn: { pubkey: keyOf(i), credential_id: new Uint8Array([5, 6, 7]), aaguid: [] },
  },
  security_settings: { protection: { Unprotected: null }, purpose: { Authentication: null } },
  metadata: [
    ['alias', { String: alias }],
    ['authenticator_attachment', { String: 'platform' }],
  ],
  last_authentication: [],
});
const NO_CAPTCHA = { key: '', chars: '' };

/** One round of every anchor operation (v1 and v2) and of the v2 and id_alias reads. */
async function round(): Promise<void> {
  // v1: register, add, update, replace, remove.
  const v1Owner = Ed25519KeyIdentity.generate();
  const v1User = v1Owner.getPrincipal();
  const registered = (await update(v1User, 'register', [deviceFor(v1Owner), NO_CAPTCHA, []])) as {
    registered: { user_number: bigint };
  };
  const anchor = registered.registered.user_number;
  const laptop = Ed25519KeyIdentity.generate();
  await update(v1User, 'add', [anchor, deviceFor(laptop)]);
  await update(v1User, 'update', [anchor, keyOf(laptop), deviceFor(laptop, { alias: 'renamed' })]);
  const tablet = Ed25519KeyIdentity.generate();
  await update(v1User, 'replace', [anchor, keyOf(laptop), deviceFor(tablet)]);
  await update(v1User, 'remove', [anchor, keyOf(tablet)]);

  // v2.
  const owner = Ed25519KeyIdentity.generate();
  const user = owner.getPrincipal();
  await update(user, 'captcha_create', []);
  const identity = (await update(user, 'identity_register', [method(owner), NO_CAPTCHA, []])) as {
    Ok: bigint;
  };
  const n = identity.Ok;
  query(user, 'identity_authn_info', [n]);
  await update(user, 'identity_info', [n]);
  await update(user, 'identity_metadata_replace', [n, [['theme', { String: 'dark' }]]]);
  const key = Ed25519KeyIdentity.generate();
  await update(user, 'authn_method_add', [n, method(key)]);
  const other = Ed25519KeyIdentity.generate();
  await update(user, 'authn_method_replace', [n, keyOf(key), method(other)]);
  await update(user, 'authn_method_metadata_replace', [
    n,
    keyOf(other),
    [['alias', { String: 'tablet' }]],
  ]);
  await update(user, 'authn_method_security_settings_replace', [
    n,
    keyOf(other),
    { protection: { Unprotected: null }, purpose: { Recovery: null } },
  ]);
  await update(user, 'authn_method_remove', [n, keyOf(other)]);
  await update(user, 'authn_method_registration_mode_enter', [n]);
  const fresh = Ed25519KeyIdentity.generate();
  const code = (await update(fresh.getPrincipal(), 'authn_method_register', [
    n,
    method(fresh),
  ])) as {
    Ok: { confirmation_code: string };
  };
  await update(user, 'authn_method_confirm', [n, code.Ok.confirmation_code]);
  await update(user, 'authn_method_registration_mode_enter', [n]);
  await update(user, 'authn_method_registration_mode_exit', [n]);

  // Attribute sharing.
  const request = {
    identity_number: n,
    relying_party: 'https://rp.example',
    issuer: 'https://issuer.example',
  };
  const prepared = (await update(user, 'prepare_id_alias', [request])) as {
    Ok: { rp_id_alias_jwt: string; issuer_id_alias_jwt: string };
  };
  query(user, 'get_id_alias', [{ ...request, ...prepared.Ok }]);
}

for (let i = 0; i < RUNS; i++) await round();

// The archive: deploy (create + install through the management canister), then the same rounds.
phase = 'after';
const deployed = (await update(Principal.anonymous(), 'deploy_archive', [archiveWasm()])) as {
  success: Principal;
};
const archive = deployed.success;
for (let i = 0; i < RUNS; i++) await round();

// The archive's calls: each fetch takes FETCH_LIMIT entries (buffered by the rounds above).
const fetchMethod = serviceMethods.fetch_entries;
const ackMethod = serviceMethods.acknowledge_entries;
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  const fetched = await replica.call(
    archive,
    id,
    'fetch_entries',
    new Uint8Array(IDL.encode([], [])),
  );
  note(`fetch_entries (${FETCH_LIMIT} entries)`, fetched.instructions, performance.now() - t);
  if (fetched.kind === 'reject') throw new Error(fetched.message);
  const [entries] = IDL.decode(fetchMethod.retTypes, fetched.data) as [
    Array<{ sequence_number: bigint }>,
  ];
  if (entries.length !== FETCH_LIMIT) throw new Error(`fetched ${entries.length}`);
  t = performance.now();
  const acked = await replica.call(
    archive,
    id,
    'acknowledge_entries',
    new Uint8Array(IDL.encode(ackMethod.argTypes, [entries.at(-1)!.sequence_number])),
  );
  note(`acknowledge_entries (${FETCH_LIMIT} entries)`, acked.instructions, performance.now() - t);
  if (acked.kind === 'reject') throw new Error(acked.message);
}
await net.stop();

const fmt = (x: number) => x.toLocaleString('en');
console.log(
  '\n| method | instructions, no archive (median) | ms | instructions, archiving (median) | ms | added by archiving |',
);
console.log('|---|---|---|---|---|---|');
const names = new Set([...phases.before.keys(), ...phases.after.keys()]);
for (const name of names) {
  const b = phases.before.get(name);
  const a = phases.after.get(name);
  const cell = (r: Row | undefined) =>
    r ? `${fmt(median(r.instructions))} | ${median(r.ms).toFixed(1)}` : '– | –';
  const added =
    a && b
      ? `${fmt(median(a.instructions) - median(b.instructions))} (${(
          ((median(a.instructions) - median(b.instructions)) / median(b.instructions)) *
          100
        ).toFixed(0)} %)`
      : '–';
  console.log(`| ${name} | ${cell(b)} | ${cell(a)} | ${added} |`);
}
