import { onCleanup, onMount, type JSX } from 'solid-js';

/** A modal dialog: focus moves into it, Escape closes it, focus returns afterwards. */
export function Dialog(props: { title: string; onClose: () => void; children: JSX.Element }) {
  let box: HTMLDivElement | undefined;
  const previous = document.activeElement as HTMLElement | null;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') props.onClose();
    if (e.key !== 'Tab') return;
    if (!box) return;
    const focusable = [...box.querySelectorAll<HTMLElement>('button, input, textarea')].filter(
      (el) => !el.hasAttribute('disabled'),
    );
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  onMount(() => {
    document.addEventListener('keydown', onKey);
    box?.querySelector<HTMLElement>('textarea, input, button')?.focus();
  });
  onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    previous?.focus?.();
  });
  return (
    <div class="backdrop">
      <div
        ref={(el) => (box = el)}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
      >
        <h2 id="dialog-title">{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}
