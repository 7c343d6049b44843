import { describe, expect, it } from 'vitest';
import { configJson, fillTemplate, TemplateError } from './page-config.js';

const CONFIG = { canisterId: 'rrkah-fqaaa-aaaaa-aaaaq-cai', iiUrl: null, fetchRootKey: false };

describe('fillTemplate', () => {
  it('replaces the one placeholder', () => {
    expect(fillTemplate('<a>__DAPP_CONFIG__</a>', CONFIG)).toBe(`<a>${configJson(CONFIG)}</a>`);
  });
  it('refuses a missing or repeated placeholder', () => {
    expect(() => fillTemplate('<a></a>', CONFIG)).toThrow(TemplateError);
    expect(() => fillTemplate('__DAPP_CONFIG____DAPP_CONFIG__', CONFIG)).toThrow(/found 2/);
  });
  it('cannot close the script element it sits in', () => {
    const json = configJson({ ...CONFIG, iiUrl: 'http://x/</script><script>alert(1)</script>&' });
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json).iiUrl).toBe('http://x/</script><script>alert(1)</script>&');
  });
});
