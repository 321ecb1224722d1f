import { createAuth0Client, isPasswordlessError } from '@passwordless-xstate/core';
import { GRANT } from '@passwordless-xstate/emulator';
import { expect } from 'vitest';
import { request, type Cell, type MatrixRow } from './row.ts';
import { firstFactor, perform, signedIn, submitIdentifier } from './steps.ts';

const ALICE = 'alice@example.com';

async function signIn(cell: Cell) {
  await firstFactor(cell.flow, cell.lane, ALICE);
  expect(signedIn(cell.flow)).toBe(true);
  const tokens = cell.flow.snapshot().context.session?.tokens;
  cell.memo.accessToken = tokens?.accessToken ?? '';
  cell.memo.refreshToken = tokens?.refreshToken ?? '';
}

/** Asks the emulator itself (not through the proxy) whether a refresh token still works. */
async function refreshTokenRefused(cell: Cell): Promise<boolean> {
  const client = createAuth0Client({
    baseUrl: cell.lane.emulator.url,
    clientId: 'pwl-native',
    now: cell.lane.clock.now,
  });
  try {
    await client.refresh({ refreshToken: cell.memo.refreshToken ?? '' });
    return false;
  } catch (error) {
    return isPasswordlessError(error, 'invalid_refresh_token');
  }
}

export const sessionRows: MatrixRow[] = [
  {
    flow: 'session',
    request: 'POST /oauth/token (refresh_token)',
    match: request('POST', '/oauth/token', GRANT.refreshToken),
    prepare: signIn,
    trigger: ({ flow }) => flow.send({ type: 'REFRESH' }),
    failedAt: { authenticated: 'active' },
    wayForward: 'refresh (also retried by itself)',
    recover: async ({ flow, memo }) => {
      await perform(flow, 'refresh', { type: 'REFRESH' });
      expect(signedIn(flow)).toBe(true);
      expect(flow.view().error).toBeNull();
      expect(flow.snapshot().context.session?.tokens.accessToken).not.toBe(memo.accessToken);
    },
  },
  {
    flow: 'logout',
    request: 'POST /oauth/revoke',
    match: request('POST', '/oauth/revoke'),
    bodyless: true,
    // Signing out always works here; a revocation that failed is kept and shown as logoutIncomplete.
    silent: true,
    prepare: signIn,
    trigger: ({ flow }) => flow.send({ type: 'LOGOUT' }),
    failedAt: { identify: 'editing' },
    acceptedAt: { identify: 'editing' },
    wayForward: 'signed out; revocation retried on the way back to identify',
    recover: async (cell, accepted) => {
      const { flow } = cell;
      expect(flow.view().logoutIncomplete).toBe(!accepted);
      await submitIdentifier(flow, ALICE);
      await perform(flow, 'changeIdentifier', { type: 'CHANGE_IDENTIFIER' });
      expect(flow.view()).toMatchObject({ step: 'identify', logoutIncomplete: false });
      // A 2xx from the proxy was taken as done: the emulator never saw that revocation.
      expect(await refreshTokenRefused(cell)).toBe(!accepted);
    },
  },
];
