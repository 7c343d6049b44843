/**
 * The System API availability table of the IC interface specification ("Overview of imports"):
 * which ic0 function may be called from which kind of entry point. Anything else traps.
 */
import type { MessageKind } from './types.js';

/** Entry-point classes of the spec's table (F, inspect_message, and TQ, http transform, are not run here). */
export type ApiMode =
  'I' | 'G' | 'U' | 'RQ' | 'NRQ' | 'CQ' | 'Ry' | 'Rt' | 'CRy' | 'CRt' | 'C' | 'CC' | 'T' | 's';

const MODE_NAMES: Record<ApiMode, string> = {
  I: 'init',
  G: 'pre upgrade',
  U: 'update',
  RQ: 'replicated query',
  NRQ: 'non replicated query',
  CQ: 'composite query',
  Ry: 'reply callback',
  Rt: 'reject callback',
  CRy: 'composite query reply callback',
  CRt: 'composite query reject callback',
  C: 'cleanup',
  CC: 'composite query cleanup',
  T: 'system task',
  s: 'start',
};

export const modeName = (mode: ApiMode): string => MODE_NAMES[mode];

/**
 * The mode of one execution. Callbacks and cleanups of a composite query are non-replicated,
 * which is how the replica marks them (ctx.replicated = false).
 */
export function apiMode(
  kind: MessageKind,
  entry: string | undefined,
  replicated: boolean,
): ApiMode {
  switch (kind) {
    case 'init':
    case 'post_upgrade':
      return 'I';
    case 'pre_upgrade':
      return 'G';
    case 'update':
      return 'U';
    case 'query':
      if (entry?.startsWith('canister_composite_query ')) return 'CQ';
      return replicated ? 'RQ' : 'NRQ';
    case 'reply_callback':
      return replicated ? 'Ry' : 'CRy';
    case 'reject_callback':
      return replicated ? 'Rt' : 'CRt';
    case 'cleanup':
      return replicated ? 'C' : 'CC';
    case 'global_timer':
    case 'heartbeat':
      return 'T';
  }
}

/** Non-replicated executions never change the canister's state. */
export const isNonReplicated = (mode: ApiMode): boolean =>
  mode === 'NRQ' || mode === 'CQ' || mode === 'CRy' || mode === 'CRt' || mode === 'CC';

const ALL: ApiMode[] = ['I', 'G', 'U', 'RQ', 'NRQ', 'CQ', 'Ry', 'Rt', 'CRy', 'CRt', 'C', 'CC', 'T'];
const set = (...modes: ApiMode[]): ReadonlySet<ApiMode> => new Set(modes);
const STAR = set(...ALL);
const STAR_S = set(...ALL, 's');
const NONE = set();
const RESPOND = set('U', 'RQ', 'NRQ', 'CQ', 'Ry', 'Rt', 'CRy', 'CRt');
const CALL = set('U', 'CQ', 'Ry', 'Rt', 'CRy', 'CRt', 'T');
const CYCLES_IN = set('U', 'RQ', 'Rt', 'Ry');

/** ic0 function name -> modes it may be called from (spec "Overview of imports"). */
export const AVAILABILITY: Readonly<Record<string, ReadonlySet<ApiMode>>> = {
  msg_arg_data_size: set('I', 'U', 'RQ', 'NRQ', 'CQ', 'Ry', 'CRy'),
  msg_arg_data_copy: set('I', 'U', 'RQ', 'NRQ', 'CQ', 'Ry', 'CRy'),
  msg_caller_size: STAR,
  msg_caller_copy: STAR,
  msg_reject_code: set('Ry', 'Rt', 'CRy', 'CRt', 'C'),
  msg_reject_msg_size: set('Rt', 'CRt'),
  msg_reject_msg_copy: set('Rt', 'CRt'),
  msg_deadline: set('U', 'RQ', 'NRQ', 'CQ', 'Ry', 'Rt', 'CRy', 'CRt'),
  msg_reply_data_append: RESPOND,
  msg_reply: RESPOND,
  msg_reject: RESPOND,
  msg_cycles_available128: CYCLES_IN,
  msg_cycles_refunded128: set('Rt', 'Ry'),
  msg_cycles_accept128: CYCLES_IN,
  cycles_burn128: set('I', 'G', 'U', 'RQ', 'Ry', 'Rt', 'C', 'T'),
  canister_self_size: STAR,
  canister_self_copy: STAR,
  canister_cycle_balance128: STAR,
  canister_liquid_cycle_balance128: STAR,
  canister_status: STAR,
  canister_version: STAR,
  // Only in canister_inspect_message, which this runtime does not run.
  msg_method_name_size: NONE,
  msg_method_name_copy: NONE,
  accept_message: NONE,
  call_new: CALL,
  call_on_cleanup: CALL,
  call_data_append: CALL,
  call_with_best_effort_response: CALL,
  call_cycles_add128: set('U', 'Ry', 'Rt', 'T'),
  call_perform: CALL,
  stable64_size: STAR_S,
  stable64_grow: STAR_S,
  stable64_write: STAR_S,
  stable64_read: STAR_S,
  certified_data_set: set('I', 'G', 'U', 'Ry', 'Rt', 'T'),
  data_certificate_present: STAR,
  data_certificate_size: set('NRQ', 'CQ'),
  data_certificate_copy: set('NRQ', 'CQ'),
  time: STAR,
  global_timer_set: set('I', 'G', 'U', 'Ry', 'Rt', 'C', 'T'),
  performance_counter: STAR_S,
  is_controller: STAR_S,
  in_replicated_execution: STAR_S,
  cost_call: STAR_S,
  debug_print: STAR_S,
  trap: STAR_S,
};
