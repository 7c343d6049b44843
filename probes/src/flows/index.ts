import type { Flow } from '../result.js';
import { apiFlow } from './api.js';
import type { FlowContext } from './context.js';
import { loginFlow } from './login.js';
import { pageFlow } from './page.js';
import { registerFlow } from './register.js';

export { type FlowContext } from './context.js';

export const FLOW_RUNNERS: Record<Flow, (ctx: FlowContext) => Promise<void>> = {
  page: pageFlow,
  login: loginFlow,
  api: apiFlow,
  register: registerFlow,
};
