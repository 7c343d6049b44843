import { For, Show } from 'solid-js';

/** A device as the manage page shows it (built by the devices store). */
export interface DeviceView {
  key: string;
  alias: string;
  recovery: boolean;
  isPhrase: boolean;
  locked: boolean;
  current: boolean;
  lastUsed: string;
}

export interface DeviceListCopy {
  recovery: string;
  phrase: string;
  locked: string;
  current: string;
  lastUsed: string;
  rename: string;
  remove: string;
}

export function DeviceList(props: {
  copy: DeviceListCopy;
  devices: DeviceView[];
  busy?: boolean;
  onRename: (device: DeviceView) => void;
  onRemove: (device: DeviceView) => void;
}) {
  return (
    <ul class="devices">
      <For each={props.devices}>
        {(d) => (
          <li class="device" data-testid="device">
            <div>
              <div class="name">
                <span data-testid="device-alias">{d.alias}</span>
                <Show when={d.recovery}>
                  <span class="tag" data-testid="device-recovery">
                    {d.isPhrase ? props.copy.phrase : props.copy.recovery}
                  </span>
                </Show>
                <Show when={d.locked}>
                  <span class="tag locked" data-testid="device-locked">
                    {props.copy.locked}
                  </span>
                </Show>
                <Show when={d.current}>
                  <span class="tag current" data-testid="device-current">
                    {props.copy.current}
                  </span>
                </Show>
              </div>
              <div class="meta">
                {props.copy.lastUsed} {d.lastUsed}
              </div>
            </div>
            <div class="row">
              <Show when={!d.isPhrase}>
                <button
                  type="button"
                  class="small"
                  aria-label={`${props.copy.rename} ${d.alias}`}
                  disabled={props.busy}
                  onClick={() => props.onRename(d)}
                >
                  {props.copy.rename}
                </button>
              </Show>
              <button
                type="button"
                class="small"
                aria-label={`${props.copy.remove} ${d.alias}`}
                disabled={props.busy}
                onClick={() => props.onRemove(d)}
              >
                {props.copy.remove}
              </button>
            </div>
          </li>
        )}
      </For>
    </ul>
  );
}
