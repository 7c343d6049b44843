import { For, Show } from 'solid-js';

/** A device as the manage page shows it (built by the devices store). */
export interface DeviceView {
  key: string;
  alias: string;
  recovery: boolean;
  isPhrase: boolean;
  locked: boolean;
  current: boolean;
  /** "this device", or for a phrase what it means that it is the current one. */
  currentLabel?: string;
  /** The recovery kind badge, when the name does not say it already. */
  kind?: string;
  lastUsed: string;
}

export interface DeviceListCopy {
  locked: string;
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
          <li class="device" data-testid="device" data-recovery={d.recovery ? '' : undefined}>
            <div class="device-info">
              <div class="name">
                {/* bdi: a right-to-left name must not reorder the badges after it. */}
                <bdi data-testid="device-alias">{d.alias}</bdi>
                <Show when={d.kind}>
                  <span class="tag" data-testid="device-kind">
                    {d.kind}
                  </span>
                </Show>
                <Show when={d.locked}>
                  <span class="tag locked" data-testid="device-locked">
                    {props.copy.locked}
                  </span>
                </Show>
                <Show when={d.currentLabel}>
                  <span class="tag current" data-testid="device-current">
                    {d.currentLabel}
                  </span>
                </Show>
              </div>
              <div class="meta" data-testid="device-last-used">
                {props.copy.lastUsed} {d.lastUsed}
              </div>
            </div>
            <div class="row device-actions">
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
