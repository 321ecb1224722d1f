import { startEmulator, type RunningEmulator } from '@passwordless-xstate/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordlessSnapshot } from '../../src/machine/view.ts';
import { latest, startFlow, totp } from './helpers.ts';

// An emulator of its own: a TOTP is accepted once, and other files log in as the same seeded users.
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, log: false });
});
afterAll(() => emulator.close());
const code = async (to: string) => (await latest(to, emulator.url)).code ?? '';

/** A `fetch` that records each request as `METHOD path` (and the grant, for token calls). */
function countingFetch() {
  const requests: string[] = [];
  const fetchAndCount: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = typeof init?.body === 'string' ? init.body : '';
    const grant = /grant_type"?[:=]"?([^"&,]+)/.exec(decodeURIComponent(body))?.[1]?.split('/').at(-1);
    requests.push(`${init?.method ?? 'GET'} ${url.pathname}${grant ? ` ${grant}` : ''}`);
    return fetch(input, init);
  };
  return { requests, fetch: fetchAndCount };
}

const signedIn = (snapshot: PasswordlessSnapshot) => snapshot.matches({ authenticated: 'active' });

describe('requests per flow, at the protocol minimum', () => {
  it('e-mail code: start and one token call (plus the key set, once per client)', async () => {
    const counter = countingFetch();
    const flow = startFlow({ fetch: counter.fetch, baseUrl: `${emulator.url}/` });
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'alice@example.com' });
    await flow.until('code');
    flow.actor.send({ type: 'SUBMIT_CODE', otp: await code('alice@example.com') });
    await flow.until(signedIn);
    expect(counter.requests).toEqual([
      'POST /passwordless/start',
      'POST /oauth/token otp',
      'GET /.well-known/jwks.json',
    ]);
    flow.actor.stop();
  });

  it('code + TOTP: no authenticator listing when mfa_requirements offer only the TOTP', async () => {
    const counter = countingFetch();
    const flow = startFlow({ fetch: counter.fetch, baseUrl: `${emulator.url}/` });
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'totp@example.com' });
    await flow.until('code');
    flow.actor.send({ type: 'SUBMIT_CODE', otp: await code('totp@example.com') });
    await flow.until('mfa_otp');
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: totp('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') });
    await flow.until(signedIn);
    expect(counter.requests).toEqual([
      'POST /passwordless/start',
      'POST /oauth/token otp',
      'POST /oauth/token mfa-otp',
      'GET /.well-known/jwks.json',
    ]);
    flow.actor.stop();
  });

  it('code + SMS: the listing is needed to name the authenticator to challenge', async () => {
    const counter = countingFetch();
    const flow = startFlow({ fetch: counter.fetch, baseUrl: `${emulator.url}/` });
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'sms-mfa@example.com' });
    await flow.until('code');
    flow.actor.send({ type: 'SUBMIT_CODE', otp: await code('sms-mfa@example.com') });
    await flow.until('mfa_oob');
    flow.actor.send({ type: 'SUBMIT_MFA_CODE', otp: await code('+15555550101') });
    await flow.until(signedIn);
    expect(counter.requests).toEqual([
      'POST /passwordless/start',
      'POST /oauth/token otp',
      'GET /mfa/authenticators',
      'POST /mfa/challenge',
      'POST /oauth/token mfa-oob',
      'GET /.well-known/jwks.json',
    ]);
    flow.actor.stop();
  });
});
