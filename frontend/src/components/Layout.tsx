import type { JSX } from 'solid-js';
import logoUrl from '../assets/logo.svg';

/** The page frame: the logo and name, then the flow's cards. */
export function Layout(props: { children: JSX.Element }) {
  return (
    <div class="app">
      <a class="brand" href="#/">
        <img src={logoUrl} alt="" width="48" height="48" />
        <span>Internet Identity</span>
      </a>
      {props.children}
    </div>
  );
}
