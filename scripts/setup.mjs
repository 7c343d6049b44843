// Makes a fresh clone runnable: installs npm packages when they are missing or older than the lockfile.
// `npm start` and `npm test` call this first, so each works by itself on a new machine.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const stale =
  !existsSync(marker) ||
  (existsSync('package-lock.json') &&
    statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs);

if (stale) {
  console.error('[setup] installing npm packages (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}

// Debian packages the system and its tests drive: Chromium (probes, e2e; Playwright cannot download
// its own browsers here), certutil (trusting localnet's CA), and the Prometheus stack.
const SYSTEM_PACKAGES = {
  chromium: 'chromium',
  certutil: 'libnss3-tools',
  prometheus: 'prometheus',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  'prometheus-pushgateway': 'prometheus-pushgateway',
};
const has = (binary) => {
  try {
    execSync(`command -v ${binary}`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const missing = Object.entries(SYSTEM_PACKAGES)
  .filter(([binary]) => !has(binary))
  .map(([, pkg]) => pkg);
if (missing.length) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.error(`[setup] installing Debian packages: ${missing.join(' ')}…`);
    try {
      execSync(`apt-get update -qq && apt-get install -y -qq ${missing.join(' ')}`, {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    } catch {
      console.error(`[setup] could not install ${missing.join(' ')}; install them by hand`);
    }
  } else {
    console.error(
      `[setup] missing Debian packages: ${missing.join(' ')} (sudo apt-get install ${missing.join(' ')})`,
    );
  }
}
