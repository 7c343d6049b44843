import { describe, expect, it } from 'vitest';
import { AVAILABILITY, apiMode, isNonReplicated, modeName } from './api-modes.js';

describe('apiMode', () => {
  it('classifies entry points like the spec', () => {
    expect(apiMode('init', 'canister_init', true)).toBe('I');
    expect(apiMode('post_upgrade', 'canister_post_upgrade', true)).toBe('I');
    expect(apiMode('pre_upgrade', 'canister_pre_upgrade', true)).toBe('G');
    expect(apiMode('query', 'canister_query get', true)).toBe('RQ');
    expect(apiMode('query', 'canister_query get', false)).toBe('NRQ');
    expect(apiMode('query', 'canister_composite_query x', false)).toBe('CQ');
    expect(apiMode('reply_callback', undefined, false)).toBe('CRy');
    expect(apiMode('cleanup', undefined, true)).toBe('C');
    expect(apiMode('global_timer', 'canister_global_timer', true)).toBe('T');
    expect(isNonReplicated('NRQ')).toBe(true);
    expect(isNonReplicated('RQ')).toBe(false);
    expect(modeName('NRQ')).toBe('non replicated query');
  });
});

describe('AVAILABILITY', () => {
  it('matches key rows of the spec table', () => {
    expect(AVAILABILITY.certified_data_set!.has('NRQ')).toBe(false);
    expect(AVAILABILITY.certified_data_set!.has('RQ')).toBe(false);
    expect(AVAILABILITY.certified_data_set!.has('U')).toBe(true);
    expect(AVAILABILITY.msg_reply!.has('I')).toBe(false);
    expect(AVAILABILITY.msg_reply!.has('T')).toBe(false);
    expect(AVAILABILITY.call_new!.has('T')).toBe(true);
    expect(AVAILABILITY.call_new!.has('I')).toBe(false);
    expect(AVAILABILITY.call_new!.has('RQ')).toBe(false);
    expect(AVAILABILITY.data_certificate_copy!.has('U')).toBe(false);
    expect(AVAILABILITY.time!.has('s')).toBe(false);
    expect(AVAILABILITY.stable64_write!.has('s')).toBe(true);
  });
});
