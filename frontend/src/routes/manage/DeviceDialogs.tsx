// The rename and remove dialogs of the manage page.
import { Match, Show, Switch } from 'solid-js';
import { Alert } from '../../components/Alert.js';
import { RemoveDialog } from '../../components/RemoveDialog.js';
import { RenameDialog } from '../../components/RenameDialog.js';
import type { createManage } from '../../stores/manage.js';
import { ALIAS_MAX_BYTES, isLocked, isPhrase, utf8Length } from '../../stores/devices.js';
import { bytesEqual } from '../../lib/bytes.js';
import copy from './copy.json';

export type DialogState = { kind: 'rename' | 'remove'; key: string };

export function DeviceDialogs(props: {
  manage: ReturnType<typeof createManage>;
  state: DialogState | undefined;
  devicePubkey?: Uint8Array;
  onClose: () => void;
  onRemovedCurrent: () => void;
}) {
  const device = () => (props.state ? props.manage.find(props.state.key) : undefined);
  const close = () => {
    props.manage.clearError();
    props.onClose();
  };
  const error = () => (
    <Show when={props.manage.error()}>
      {(e) => (
        <Alert message={e().code === 'protected_device' ? copy.remove.wrongPhrase : e().message} />
      )}
    </Show>
  );
  return (
    <Show when={device()}>
      {(d) => (
        <Switch>
          <Match when={props.state?.kind === 'rename'}>
            <RenameDialog
              copy={copy.rename}
              alias={d().alias}
              busy={props.manage.busy()}
              error={error()}
              aliasProblem={(a) =>
                utf8Length(a) > ALIAS_MAX_BYTES
                  ? copy.rename.tooLong
                      .replace('{max}', String(ALIAS_MAX_BYTES))
                      .replace('{n}', String(utf8Length(a)))
                  : undefined
              }
              onCancel={close}
              onSave={async (alias) => {
                if (await props.manage.rename(props.state!.key, alias)) close();
              }}
            />
          </Match>
          <Match when={props.state?.kind === 'remove'}>
            <RemoveDialog
              copy={copy.remove}
              alias={d().alias}
              current={
                props.devicePubkey !== undefined && bytesEqual(d().pubkey, props.devicePubkey)
              }
              last={props.manage.devices().length === 1}
              locked={isLocked(d()) && isPhrase(d())}
              busy={props.manage.busy()}
              error={error()}
              onCancel={close}
              onConfirm={async (phrase) => {
                const r = await props.manage.remove(props.state!.key, phrase);
                if (r === 'current') props.onRemovedCurrent();
                else if (r) close();
              }}
            />
          </Match>
        </Switch>
      )}
    </Show>
  );
}
