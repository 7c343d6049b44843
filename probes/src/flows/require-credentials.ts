import type { ProbeCredentials } from '../credentials.js';
import type { FlowContext } from './context.js';
import { ProbeError } from '../errors.js';

/** The flow needs the probe's identity: without a credentials file it cannot run at all. */
export function requireCredentials(ctx: FlowContext): ProbeCredentials {
  if (!ctx.credentials)
    throw new ProbeError(
      'II_ERR_PROBE_CREDENTIALS',
      `the ${ctx.target.name} target has no credentials file: run ii-probe enroll first`,
    );
  return ctx.credentials;
}
