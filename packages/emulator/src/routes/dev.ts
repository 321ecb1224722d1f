import { readRequestBody } from '../body.ts';
import { advanceWithinRange, CLOCK_RANGE, isAdjustable } from '../clock.ts';
import { auth0Error } from '../errors.ts';
import { empty, html, json } from '../respond.ts';
import type { RouteContext, Router } from '../router.ts';
import { devPage } from './dev-page.ts';
import { currentTotp } from './dev-totp.ts';

/** Emulator-only endpoints (not Auth0): the outbox, TOTP codes, push decisions, the clock and a reset. */
export function registerDev(router: Router): void {
  router.on('GET', '/__dev', ({ state }) => html(devPage(state.config.tenantName)));
  router.on('GET', '/__dev/outbox', ({ state, url }) =>
    json(state.outbox.list(url.searchParams.get('to') ?? undefined)),
  );
  router.on('DELETE', '/__dev/outbox', ({ state }) => {
    state.outbox.clear();
    return empty(204);
  });
  router.on('GET', '/__dev/totp', currentTotp);
  router.on('POST', '/__dev/push/:id/approve', (context) => decidePush(context, 'approved'));
  router.on('POST', '/__dev/push/:id/reject', (context) => decidePush(context, 'rejected'));
  router.on('POST', '/__dev/clock', moveClock);
  router.on('POST', '/__dev/reset', ({ state }) => {
    // The clock first: a moved clock would otherwise leak into whatever runs after the reset (the
    // next e2e test), and the seed is stamped with the clock's time.
    if (isAdjustable(state.clock)) state.clock.reset?.();
    state.reset();
    return empty(204);
  });
}

function decidePush({ state, param }: RouteContext, decision: 'approved' | 'rejected') {
  const message = state.outbox.get(param('id') ?? '');
  if (!message?.push) throw auth0Error(404, 'not_found', 'No push notification with that id.');
  if (message.push.status !== 'pending') {
    throw auth0Error(409, 'already_decided', `This push notification was already ${message.push.status}.`);
  }
  message.push.status = decision;
  return json(message);
}

async function moveClock({ state, request }: RouteContext) {
  const body = await readRequestBody(request, state.config.limits.maxBodyBytes, 'oauth');
  const seconds = body.advanceSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    throw auth0Error(400, 'invalid_request', 'Send {"advanceSeconds": <number>}.');
  }
  if (!isAdjustable(state.clock))
    throw auth0Error(409, 'fixed_clock', 'This emulator was given a clock it cannot move.');
  if (!advanceWithinRange(state.clock, seconds * 1000)) {
    const [earliest, latest] = [CLOCK_RANGE.earliest, CLOCK_RANGE.latest].map(iso);
    const now = state.now();
    const [min, max] = [CLOCK_RANGE.earliest - now, CLOCK_RANGE.latest - now].map((ms) =>
      Math.trunc(ms / 1000),
    );
    throw auth0Error(
      400,
      'invalid_request',
      `advanceSeconds must keep the clock between ${earliest} and ${latest}; it is ${iso(now)}, so send ${min} to ${max}.`,
    );
  }
  return json({ now: iso(state.now()) });
}

const iso = (milliseconds: number) => new Date(milliseconds).toISOString();
