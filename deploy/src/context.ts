/** What every command that acts on a target needs: the config, the target, the reporter, the ledger. */
import type { DeployConfig } from './config.js';
import { loadDeployConfig, targetNamed } from './config.js';
import { Ledger } from './ledger.js';
import type { Deployment } from './pipeline.js';
import { Reporter } from './reporter.js';

export function deploymentFor(configPath: string, targetName: string): Deployment {
  const config: DeployConfig = loadDeployConfig(configPath);
  const target = targetNamed(config, targetName);
  return {
    config,
    target,
    reporter: new Reporter(config.pushgateway),
    ledger: new Ledger(config.ledger),
  };
}
