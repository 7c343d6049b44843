import type { JSX } from 'solid-js';
import logoUrl from '../assets/logo.svg';
import { TEST_BUILD } from '../flavor.js';

// A constant condition (not <Show>): the production bundle keeps no trace of the banner.
const Banner = TEST_BUILD
  ? () => (
      <p class="test-build" role="note" data-testid="test-build-banner">
        Test build — for dapp developers' tests only. It signs in without a passkey (keys kept in
        this browser) and its captcha is always "a". Never use it for a real identity.
      </p>
    )
  : () => null;

/** The page frame: the logo and name, then the flow's cards. */
export function Layout(props: { children: JSX.Element }) {
  return (
    <div class="app">
      <a class="brand" href="#/">
        <img src={logoUrl} alt="" width="48" height="48" />
        <span>Internet Identity</span>
      </a>
      <Banner />
      {props.children}
    </div>
  );
}
