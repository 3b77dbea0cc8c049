import { accountLink, consoleOrigin } from './tokens';

describe('accountLink', () => {
  // The pages of the web console's router (apps/web/src/app/router.tsx) that read the token from the fragment.
  it.each([
    ['platform', null, 'invitation', 'https://r.example/platform/invitation#token=tok'],
    ['platform', null, 'reset-password', 'https://r.example/platform/reset-password#token=tok'],
    ['tenant-staff', 'acme', 'invitation', 'https://r.example/t/acme/invitation#token=tok'],
    ['tenant-staff', 'acme', 'reset-password', 'https://r.example/t/acme/reset-password#token=tok'],
    ['customer', 'acme', 'invitation', 'https://r.example/t/acme/portal/invitation#token=tok'],
    ['customer', 'acme', 'reset-password', 'https://r.example/t/acme/portal/reset-password#token=tok'],
  ] as const)('links %s %s to its %s page', (realm, slug, page, expected) => {
    expect(accountLink('https://r.example', realm, slug, page, 'tok')).toBe(expected);
  });
});

describe('consoleOrigin', () => {
  it('is the public origin when one is configured, else this machine', () => {
    expect(consoleOrigin({ publicOrigin: 'https://r.example', port: 3000 })).toBe('https://r.example');
    expect(consoleOrigin({ port: 3100 })).toBe('http://localhost:3100');
  });
});
