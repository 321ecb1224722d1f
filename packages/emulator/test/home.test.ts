import { describe, expect, it } from 'vitest';
import { get, request, useEmulator } from './helpers.ts';

describe('GET / (emulator-only)', () => {
  const emulator = useEmulator({ tenantName: 'Acme <dev>' });

  it('answers an HTML page whose links to the outbox, discovery and JWKS all work', async () => {
    const reply = await get(emulator(), '/');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(reply.text).toContain('<title>Acme &#60;dev&#62; — Auth0 emulator</title>');
    expect(reply.text).toContain(emulator().issuer);

    const hrefs = [...reply.text.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!);
    expect(hrefs).toEqual(['/__dev', '/.well-known/openid-configuration', '/.well-known/jwks.json']);
    for (const href of hrefs) expect((await get(emulator(), href)).status, href).toBe(200);
  });

  it('answers HEAD too, and other methods with 405', async () => {
    expect((await request(emulator(), 'HEAD', '/')).status).toBe(200);
    const posted = await request(emulator(), 'POST', '/');
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
  });
});
