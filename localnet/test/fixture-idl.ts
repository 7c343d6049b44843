import { IDL } from '@dfinity/candid';

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
    certificate: I.Func([], [I.Opt(I.Vec(I.Nat8))], ['query']),
    info: I.Func([], [Info], ['query']),
    randomBytes: I.Func([], [I.Vec(I.Nat8)], []),
    callOther: I.Func([I.Principal, I.Text], [I.Vec(I.Nat8)], []),
    startTimer: I.Func([I.Nat64], [], []),
    timerCount: I.Func([], [I.Nat64], ['query']),
    log: I.Func([I.Text], [], []),
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
  callOther(target: import('@dfinity/principal').Principal, method: string): Promise<Uint8Array>;
  startTimer(seconds: bigint): Promise<void>;
  timerCount(): Promise<bigint>;
  log(message: string): Promise<void>;
}

/** The init argument (nat64) the fixture expects. */
export const fixtureInitArg = (n: bigint) => new Uint8Array(IDL.encode([IDL.Nat64], [n]));
