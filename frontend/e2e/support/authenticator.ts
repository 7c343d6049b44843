/**
 * CDP virtual authenticators. A virtual authenticator belongs to one tab, so a "device" (a browser
 * profile's platform authenticator, or a USB security key) is modelled as a set of per-page
 * authenticators that share credentials: attaching a page (a popup, say) copies in every
 * credential the device holds, read from the live authenticators right before copying (the
 * signature counter moves on every use).
 */
import type { CDPSession, Page } from 'playwright-core';

/** CDP `WebAuthn.Credential` (playwright-core does not export its protocol types). */
export interface Credential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  /** PKCS#8 P-256 private key, base64. */
  privateKey: string;
  userHandle?: string;
  signCount: number;
}

interface Options {
  protocol: 'ctap2';
  transport: 'internal' | 'usb';
  hasResidentKey: boolean;
  hasUserVerification: boolean;
  isUserVerified: boolean;
  automaticPresenceSimulation: boolean;
}

const PLATFORM: Options = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
};

const SECURITY_KEY: Options = { ...PLATFORM, transport: 'usb' };

interface Attached {
  page: Page;
  session: CDPSession;
  authenticatorId: string;
}

export class VirtualDevice {
  private readonly attached: Attached[] = [];
  /** Credentials seen through events, for pages that have closed since. */
  private readonly known = new Map<string, Credential>();

  private constructor(
    readonly name: string,
    private readonly options: Options,
  ) {}

  /** The passkey store of one browser profile (Touch ID, Windows Hello…). */
  static platform(name = 'platform'): VirtualDevice {
    return new VirtualDevice(name, PLATFORM);
  }

  /** A roaming USB security key. */
  static securityKey(name = 'security key'): VirtualDevice {
    return new VirtualDevice(name, SECURITY_KEY);
  }

  /** Adds an authenticator to `page` holding this device's credentials. */
  async attach(page: Page): Promise<void> {
    const credentials = await this.credentials();
    const session = await page.context().newCDPSession(page);
    await session.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await session.send('WebAuthn.addVirtualAuthenticator', {
      options: this.options,
    });
    const remember = (c: Credential) => this.remember(c);
    session.on('WebAuthn.credentialAdded', (e) => remember(e.credential));
    session.on('WebAuthn.credentialAsserted', (e) => remember(e.credential));
    session.on('WebAuthn.credentialUpdated', (e) => remember(e.credential));
    for (const credential of credentials) {
      await session.send('WebAuthn.addCredential', { authenticatorId, credential });
    }
    this.attached.push({ page, session, authenticatorId });
    page.once('close', () => {
      const i = this.attached.findIndex((a) => a.page === page);
      if (i >= 0) this.attached.splice(i, 1);
    });
  }

  /**
   * Puts copies of `credentials` on this device (a passkey synced from another profile, as a
   * password manager would), including every authenticator already attached.
   */
  async addCredentials(credentials: Credential[]): Promise<void> {
    for (const c of credentials) this.remember(c);
    for (const a of this.attached) {
      if (a.page.isClosed()) continue;
      for (const credential of credentials) {
        await a.session.send('WebAuthn.addCredential', {
          authenticatorId: a.authenticatorId,
          credential,
        });
      }
    }
  }

  /** Removes this device from `page` (the key is unplugged; the passkeys stay on the device). */
  async detach(page: Page): Promise<void> {
    await this.credentials();
    const i = this.attached.findIndex((a) => a.page === page);
    if (i < 0) return;
    const [a] = this.attached.splice(i, 1);
    await a.session.send('WebAuthn.removeVirtualAuthenticator', {
      authenticatorId: a.authenticatorId,
    });
  }

  /** Every credential on the device, the live authenticators' counters taking precedence. */
  async credentials(): Promise<Credential[]> {
    for (const a of [...this.attached]) {
      if (a.page.isClosed()) continue;
      const { credentials } = await a.session.send('WebAuthn.getCredentials', {
        authenticatorId: a.authenticatorId,
      });
      for (const c of credentials) this.remember(c);
    }
    return [...this.known.values()];
  }

  private remember(credential: Credential): void {
    const old = this.known.get(credential.credentialId);
    const c =
      credential.privateKey || !old ? credential : { ...credential, privateKey: old.privateKey };
    if (!old || c.signCount >= old.signCount) this.known.set(c.credentialId, c);
  }
}
