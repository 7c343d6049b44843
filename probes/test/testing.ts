/** What other packages' tests (the release pipeline's) use from the probes' tests. */
export { CLONE_HOSTNAME, startWorld, type World, type WorldOptions } from './world.js';
export { probe } from './cli.js';
export { freePort } from './ports.js';
export { promValue, startPrometheus, until } from './processes.js';
