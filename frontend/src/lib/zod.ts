/**
 * zod, configured once for this page: its default probes `new Function("")` to decide whether it
 * may compile validators, and the page's CSP (script-src 'self', no 'unsafe-eval') reports that
 * probe as a violation. Every module imports zod from here.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
