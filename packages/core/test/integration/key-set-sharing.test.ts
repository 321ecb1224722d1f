import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PasswordlessSnapshot } from '../../src/machine/view.ts';
import { latest, startFlow } from './helpers.ts';

const signedIn = (snapshot: PasswordlessSnapshot) => snapshot.matches({ authenticated: 'active' });

async function logIn(email: string) {
  const flow = startFlow();
  flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
  await flow.until('code');
  flow.actor.send({ type: 'SUBMIT_CODE', otp: (await latest(email)).code ?? '' });
  await flow.until(signedIn);
  flow.actor.stop();
}

afterEach(() => vi.restoreAllMocks());

describe('the tenant’s signing keys', () => {
  it('are fetched once for all flows on the global fetch, not once per actor', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    await logIn('alice@example.com');
    await logIn('bob@example.com');
    const keyFetches = fetchSpy.mock.calls.filter(([input]) =>
      String(input instanceof Request ? input.url : input).endsWith('/.well-known/jwks.json'),
    );
    expect(keyFetches).toHaveLength(1);
  });
});
