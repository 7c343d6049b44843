import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

/** Candid interface of fixtures/fixture (kept in step with fixtures/fixture/src/index.ts). */
export const fixtureIdl: IDL.InterfaceFactory = ({ IDL: I }) => {
  const Info = I.Record({
    time: I.Nat64,
    version: I.Nat64,
    replicated: I.Bool,
    instructions: I.Nat64,
    callerIsController: I.Bool,
    balance: I.Nat,
  });
  return I.Service({
    hook: I.Func([I.Text], [I.Opt(I.Nat64)], ['query']),
    getInitArg: I.Func([], [I.Nat64], ['query']),
    whoami: I.Func([], [I.Text], ['query']),
    whoamiUpdate: I.Func([], [I.Text], []),
    inc: I.Func([], [I.Nat64], []),
    get: I.Func([], [I.Nat64], ['query']),
    incInQuery: I.Func([], [I.Nat64], ['query']),
    put: I.Func([I.Text, I.Text], [], []),
    putThenTrap: I.Func([I.Text], [], []),
    read: I.Func([I.Text], [I.Opt(I.Text)], ['query']),
    now: I.Func([], [I.Nat64], ['query']),
    setCertified: I.Func([I.Vec(I.Nat8)], [], []),
    setCertifiedInQuery: I.Func([], [], ['query']),
    certificate: I.Func([], [I.Opt(I.Vec(I.Nat8))], ['query']),
    info: I.Func([], [Info], ['query']),
    randomBytes: I.Func([], [I.Vec(I.Nat8)], []),
    callOther: I.Func([I.Principal, I.Text], [I.Vec(I.Nat8)], []),
    startTimer: I.Func([I.Nat64], [], []),
    timerCount: I.Func([], [I.Nat64], ['query']),
    acceptCycles: I.Func([], [I.Nat64], []),
    burn: I.Func([I.Nat], [I.Nat], []),
    sendCycles: I.Func([I.Nat], [I.Vec(I.Nat8)], []),
    log: I.Func([I.Text], [], []),
    prepareDelegation: I.Func([I.Vec(I.Nat8), I.Vec(I.Nat8), I.Nat64], [I.Vec(I.Nat8)], []),
    getDelegationSignature: I.Func(
      [I.Vec(I.Nat8), I.Vec(I.Nat8), I.Nat64],
      [I.Opt(I.Vec(I.Nat8))],
      ['query'],
    ),
  });
};

export interface FixtureActor {
  hook(name: string): Promise<[bigint] | []>;
  getInitArg(): Promise<bigint>;
  whoami(): Promise<string>;
  whoamiUpdate(): Promise<string>;
  inc(): Promise<bigint>;
  get(): Promise<bigint>;
  incInQuery(): Promise<bigint>;
  put(k: string, v: string): Promise<void>;
  putThenTrap(k: string): Promise<void>;
  read(k: string): Promise<[string] | []>;
  now(): Promise<bigint>;
  setCertified(data: Uint8Array): Promise<void>;
  setCertifiedInQuery(): Promise<void>;
  certificate(): Promise<[Uint8Array] | []>;
  info(): Promise<{
    time: bigint;
    version: bigint;
    replicated: boolean;
    instructions: bigint;
    callerIsController: boolean;
    balance: bigint;
  }>;
  randomBytes(): Promise<Uint8Array>;
  callOther(target: Principal, method: string): Promise<Uint8Array>;
  startTimer(seconds: bigint): Promise<void>;
  timerCount(): Promise<bigint>;
  acceptCycles(): Promise<bigint>;
  burn(amount: bigint): Promise<bigint>;
  sendCycles(amount: bigint): Promise<Uint8Array>;
  log(message: string): Promise<void>;
  prepareDelegation(
    seed: Uint8Array,
    sessionKey: Uint8Array,
    expiration: bigint,
  ): Promise<Uint8Array>;
  getDelegationSignature(
    seed: Uint8Array,
    sessionKey: Uint8Array,
    expiration: bigint,
  ): Promise<[Uint8Array] | []>;
}

/** The init argument (nat64) the fixture expects. */
export const fixtureInitArg = (n: bigint) => new Uint8Array(IDL.encode([IDL.Nat64], [n]));
