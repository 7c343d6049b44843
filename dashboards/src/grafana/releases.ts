/**
 * Releases: which module each target runs (certified by the IC, read by ii-exporter), which
 * release ii-deploy installed, how its steps went, and whether canary and production agree.
 */
import { CANARY_DIVERGENCE } from '../rules/alerts.js';
import { PROBE, RELEASE, TARGETS } from '../signals.js';
import { type GrafanaDashboard, buildDashboard, labelVariable } from './build-dashboard.js';
import {
  byVariable,
  increase,
  increaseInRange,
  rate,
  selector,
  stateTimelinePanel,
  statPanel,
  states,
  tablePanel,
  timeseriesPanel,
} from './panels.js';

const FILTERS = ['target'] as const;
const ofTargets = (metric: string, ...matchers: string[]) =>
  selector(metric, byVariable('target'), ...matchers);
const running = ofTargets(PROBE.moduleInfo);
const released = ofTargets(RELEASE.info);
/** Both targets, whatever the selection: the comparison needs both. */
const bothTargets = selector(PROBE.moduleInfo, `target=~"${TARGETS.join('|')}"`);

function build() {
  return buildDashboard({
    uid: RELEASES.uid,
    title: 'Internet Identity / Releases',
    description:
      'What each target runs, what ii-deploy released there, how the release steps went, and whether the canary and production run the same module.',
    variables: [
      labelVariable(
        'target',
        PROBE.moduleInfo,
        'canary (released to first) or production (promoted to after the canary soaked).',
      ),
    ],
    rows: [
      {
        title: 'What runs where',
        panels: [
          statPanel({
            title: 'Released version',
            description:
              'The release ii-deploy last installed on each target (its version; the module hash is in the table below). Empty for a target: no release was recorded since the Pushgateway started, or the Pushgateway is down (PushgatewayDown).',
            unit: 'none',
            queries: [
              {
                expr: `max by (target, version) (${released})`,
                legend: '{{target}}: {{version}}',
                instant: true,
              },
            ],
            text: 'name',
            width: 8,
          }),
          statPanel({
            title: 'Runs a released module',
            description:
              'Whether the module the IC certifies for each target is one ii-deploy released there. NOT RELEASED: someone installed code outside the release pipeline (ModuleChangedWithoutRelease pages after 5 minutes): find out who, and release or roll back through ii-deploy.',
            unit: 'none',
            queries: [
              {
                expr: `count by (target) (${running} and on (target, module_hash) ${released}) or 0 * count by (target) (${running})`,
                legend: '{{target}}',
                instant: true,
              },
            ],
            mappings: states({
              1: { text: 'released', color: 'green' },
              0: { text: 'NOT RELEASED', color: 'red' },
            }),
            text: 'value_and_name',
            alerts: ['ModuleChangedWithoutRelease'],
            width: 8,
          }),
          statPanel({
            title: 'Canary and production',
            description: `Whether the canary and production run the same module. Different is expected while a release soaks on the canary; for over ${CANARY_DIVERGENCE} it raises CanaryProductionDiverged: promote the release or roll the canary back. Both targets, whatever the target selection.`,
            unit: 'none',
            queries: [
              {
                expr: `count(count by (module_hash) (${bothTargets}))`,
                instant: true,
              },
            ],
            mappings: states({
              1: { text: 'same module', color: 'green' },
              2: { text: 'different modules', color: 'orange' },
            }),
            width: 8,
            alerts: ['CanaryProductionDiverged'],
          }),
          stateTimelinePanel({
            title: 'Module hash per target',
            description:
              'Which module (the first 12 hex digits of its hash) each target ran when, as the IC certifies it. A new row is an upgrade; a change with no release step at the same time below is an install outside ii-deploy.',
            unit: 'none',
            queries: [
              {
                expr: `max by (target, hash) (label_replace(${running}, "hash", "$1", "module_hash", "(.{12}).*"))`,
                legend: '{{target}} {{hash}}',
              },
            ],
            mappings: states({ 1: { text: 'running', color: 'blue' } }),
            alerts: ['ModuleChangedWithoutRelease'],
          }),
          stateTimelinePanel({
            title: 'Canary and production over time',
            description: `1 module: both targets ran the same module; 2: the canary ran a release production did not have yet (a soak). Stretches of 2 longer than ${CANARY_DIVERGENCE} are releases left hanging.`,
            unit: 'none',
            queries: [
              {
                expr: `count(count by (module_hash) (${bothTargets}))`,
                legend: 'canary vs production',
              },
            ],
            mappings: states({
              1: { text: 'same module', color: 'green' },
              2: { text: 'different modules', color: 'orange' },
            }),
            height: 4,
            alerts: ['CanaryProductionDiverged'],
          }),
          tablePanel({
            title: 'Running and released modules',
            description:
              'Per target: the canister, the module hash the IC certifies, and the release (version) ii-deploy installed with that hash. A row without a version is a module no release installed; two rows for a target mean the running and released modules differ.',
            unit: 'none',
            queries: [
              { expr: `max by (target, canister_id, module_hash) (${running})` },
              { expr: `max by (target, version, module_hash) (${released})` },
            ],
            hide: ['Value #A', 'Value #B'],
            width: 24,
            height: 6,
          }),
        ],
      },
      {
        title: 'Release steps',
        panels: [
          timeseriesPanel({
            title: 'Release steps',
            description:
              'Release steps ii-deploy ran, per target, step and result: each point counts the runs in the rate window before it (so one run shows on a few neighbouring points). A failure: ii-deploy undid what the step started; read its JSON log for the error before releasing again.',
            unit: 'short',
            queries: [
              {
                expr: `sum by (target, step, result) (${increase(ofTargets(RELEASE.steps))}) > 0`,
                legend: '{{target}} {{step}} {{result}}',
              },
            ],
            points: true,
            decimals: 0,
            min: 0,
            alerts: ['ReleaseStepFailed', 'RollbackFailed'],
          }),
          stateTimelinePanel({
            title: 'Latest outcome per step',
            description:
              'Whether the latest run of each release step succeeded. A failed step raises ReleaseStepFailed (a ticket); a failed rollback step raises RollbackFailed and pages: the target may be running a bad module.',
            unit: 'none',
            queries: [
              {
                expr: `max by (target, step) (${ofTargets(RELEASE.lastStep)})`,
                legend: '{{target}} {{step}}',
              },
            ],
            mappings: states({
              1: { text: 'succeeded', color: 'green' },
              0: { text: 'FAILED', color: 'red' },
            }),
            width: 12,
            alerts: ['ReleaseStepFailed', 'RollbackFailed'],
          }),
          timeseriesPanel({
            title: 'Step duration',
            description:
              'How long each release step took (the mean of the steps in each window; one point per step run). A step much slower than usual (an upgrade waiting on the subnet, a soak cut short) is worth a look before the next release.',
            unit: 's',
            queries: [
              {
                expr: `sum by (target, step) (${rate(ofTargets(`${RELEASE.stepDuration}_sum`))}) / sum by (target, step) (${rate(ofTargets(`${RELEASE.stepDuration}_count`))})`,
                legend: '{{target}} {{step}}',
              },
            ],
            points: true,
            min: 0,
          }),
          tablePanel({
            title: 'Step runs in the time range',
            description:
              'How many times each step ran in the selected time range, by result. Failures here with no release in progress mean someone retried a release: check the release log.',
            unit: 'short',
            queries: [
              {
                expr: `sum by (target, step, result) (${increaseInRange(ofTargets(RELEASE.steps))}) > 0`,
              },
            ],
            rename: { Value: 'runs' },
            sortBy: 'runs',
            decimals: 0,
            noValue: 'no release steps',
          }),
        ],
      },
    ],
  });
}

export const RELEASES: GrafanaDashboard = { uid: 'ii-releases', filters: FILTERS, build };
