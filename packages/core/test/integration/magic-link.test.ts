import { describe, expect, it } from 'vitest';
import { latest, startFlow } from './helpers.ts';

describe('magic link against the emulator', () => {
  it('follows the e-mailed link, exchanges the code and checks state and nonce', async () => {
    const email = `link-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const flow = startFlow({ redirectUri: 'http://localhost:5173/callback' });
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email, send: 'link' });
    await flow.until('link_sent');
    const { link } = await latest(email);
    const sentNonce = flow.actor.getSnapshot().context.magicLink?.nonce;
    const followed = await fetch(link ?? '', { redirect: 'manual' });
    expect(followed.status).toBe(302);
    const callbackUrl = followed.headers.get('location') ?? '';
    expect(callbackUrl).toMatch(/^http:\/\/localhost:5173\/callback\?code=/);
    flow.actor.send({ type: 'MAGIC_LINK_CALLBACK', callbackUrl });
    await flow.until('authenticated');
    const { context } = flow.actor.getSnapshot();
    expect(flow.view().claims?.email).toBe(email);
    expect(context.session?.claims?.nonce).toBe(sentNonce);
    expect(sentNonce).toMatch(/^[0-9a-f]{32}$/);
    // Magic links never come with a refresh token.
    expect(context.session?.tokens.refreshToken).toBeUndefined();
    flow.actor.stop();
  });

  it('rejects a callback whose state was tampered with', async () => {
    const email = `tamper-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const flow = startFlow({ redirectUri: 'http://localhost:5173/callback' });
    flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email, send: 'link' });
    await flow.until('link_sent');
    const followed = await fetch((await latest(email)).link ?? '', { redirect: 'manual' });
    const forged = (followed.headers.get('location') ?? '').replace(/state=[^&]+/, 'state=forged');
    flow.actor.send({ type: 'MAGIC_LINK_CALLBACK', callbackUrl: forged });
    await flow.until((snapshot) => snapshot.context.error !== null);
    expect(flow.view()).toMatchObject({ step: 'link_sent', error: { code: 'state_mismatch' } });
    flow.actor.stop();
  });
});
