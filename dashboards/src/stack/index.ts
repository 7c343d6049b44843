export { DEBIAN_PACKAGES, TOOLS, hasTool, requireTool, type Tool } from './tools.js';
export {
  startMonitoringStack,
  type MonitoringStack,
  type MonitoringStackOptions,
} from './monitoring-stack.js';
