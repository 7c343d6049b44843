// `#/manage` ("Flow: Direct access"): the anchor, its devices, adding devices, recovery, logout.
import { createEffect, createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { Alert } from '../../components/Alert.js';
import { Busy } from '../../components/Busy.js';
import { Card } from '../../components/Card.js';
import { DeviceList } from '../../components/DeviceList.js';
import type { Auth } from '../../stores/auth.js';
import { createManage } from '../../stores/manage.js';
import type { Router } from '../../stores/router.js';
import { toDeviceViews } from '../../stores/devices.js';
import { createAlertSlot } from '../../stores/task.js';
import { RecoverySetupView } from '../login/RecoverySetupView.js';
import copy from './copy.json';
import { AddPasskeyButton } from './AddPasskeyButton.js';
import { DeviceDialogs, type DialogState } from './DeviceDialogs.js';
import { RemoteDevicePanel } from './RemoteDevicePanel.js';

export function ManageRoute(props: { auth: Auth; router: Router }) {
  const session = props.auth.session;
  onMount(() => {
    if (!session()) props.router.navigate('landing');
  });
  return (
    <Show when={session()}>
      {(s) => <Manage auth={props.auth} anchor={s().anchor} devicePubkey={s().devicePubkey} />}
    </Show>
  );
}

function Manage(props: { auth: Auth; anchor: bigint; devicePubkey: Uint8Array }) {
  // One alert for the whole page: each action's error replaces the last one.
  const alerts = createAlertSlot();
  const manage = createManage(props.auth.config, props.auth.session, alerts);
  const [dialog, setDialog] = createSignal<DialogState>();
  const [panel, setPanel] = createSignal<'none' | 'recovery' | 'remote'>('none');
  onMount(() => void manage.reload());
  // The confirmation of the last step stays until something else needs saying.
  createEffect(() => {
    if (alerts.current()) props.auth.setNotice(undefined);
  });
  onCleanup(() => props.auth.setNotice(undefined));
  const views = () =>
    toDeviceViews(manage.devices(), props.devicePubkey, Date.now(), copy.deviceWords);
  return (
    <Switch>
      <Match when={panel() === 'recovery'}>
        <RecoverySetupView
          auth={props.auth}
          initial="phrase"
          onDone={() => {
            setPanel('none');
            void manage.reload();
          }}
          onCancel={() => setPanel('none')}
        />
      </Match>
      <Match when={true}>
        <Card title={copy.title}>
          <Show when={props.auth.notice()}>
            {(text) => (
              <p class="notice" role="status" data-testid="notice">
                {text()}
              </p>
            )}
          </Show>
          <p>
            {copy.anchorLabel}:{' '}
            <span class="anchor-inline" data-testid="anchor-number">
              {props.anchor.toString()}
            </span>
          </p>
          <h2>{copy.devicesTitle}</h2>
          <Show when={manage.loaded()} fallback={<Busy text={copy.loading} />}>
            <DeviceList
              copy={copy.devices}
              devices={views()}
              busy={manage.busy()}
              onRename={(d) => setDialog({ kind: 'rename', key: d.key })}
              onRemove={(d) => setDialog({ kind: 'remove', key: d.key })}
            />
          </Show>
          <Show when={manage.loadError()}>
            {(e) => (
              <Alert
                message={e().message}
                actionLabel={copy.retry}
                onAction={() => void manage.reload()}
              />
            )}
          </Show>
          <Show when={manage.loaded() && !manage.hasRecovery()}>
            <p class="warning">{copy.noRecovery}</p>
          </Show>
          <div class="stack">
            <AddPasskeyButton
              auth={props.auth}
              alerts={alerts}
              onAdded={() => void manage.reload()}
              onAddRemote={() => setPanel('remote')}
            />
            <button type="button" data-testid="add-remote" onClick={() => setPanel('remote')}>
              {copy.actions.addRemote}
            </button>
            <Show when={!manage.hasPhrase()}>
              <button
                type="button"
                data-testid="setup-recovery"
                onClick={() => setPanel('recovery')}
              >
                {copy.actions.setupRecovery}
              </button>
            </Show>
            <button type="button" data-testid="logout" onClick={() => props.auth.logout()}>
              {copy.actions.logout}
            </button>
          </div>
        </Card>
        <Show when={panel() === 'remote'}>
          <RemoteDevicePanel
            auth={props.auth}
            alerts={alerts}
            onAdded={() => void manage.reload()}
            onClose={() => setPanel('none')}
          />
        </Show>
        <DeviceDialogs
          manage={manage}
          state={dialog()}
          devicePubkey={props.devicePubkey}
          onClose={() => setDialog(undefined)}
          onRemovedCurrent={() => props.auth.logout()}
        />
      </Match>
    </Switch>
  );
}
