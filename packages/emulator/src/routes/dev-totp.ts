import { auth0Error } from '../errors.ts';
import { json } from '../respond.ts';
import type { RouteContext } from '../router.ts';
import { generateTotp } from '../totp.ts';
import type { UserRecord } from '../users.ts';

const periodSeconds = 30;

/**
 * `GET /__dev/totp?email=…` (or `?phone_number=…`): the code the user's authenticator app would show
 * now, by the emulator's clock, so scripts need neither a TOTP library nor the real time after the
 * clock was moved.
 */
export function currentTotp({ state, url }: RouteContext) {
  const email = url.searchParams.get('email');
  const phoneNumber = url.searchParams.get('phone_number');
  if (!email && !phoneNumber) {
    throw auth0Error(400, 'invalid_request', 'Send ?email=ADDRESS or ?phone_number=%2BNUMBER.');
  }
  const user = email ? state.findUser('email', email) : state.findUser('sms', phoneNumber!);
  if (!user) throw auth0Error(404, 'not_found', 'No user with that e-mail address or phone number.');
  const authenticator = totpAuthenticator(user);
  if (!authenticator?.secret) throw auth0Error(404, 'not_found', 'That user has no TOTP authenticator.');

  const now = state.now();
  const elapsed = Math.floor(now / 1000) % periodSeconds;
  return json({
    code: generateTotp(authenticator.secret, now),
    authenticator_id: authenticator.id,
    expires_in: periodSeconds - elapsed,
  });
}

/** Any active TOTP authenticator passes `mfa-otp`; without one, the one being enrolled needs its first code. */
function totpAuthenticator(user: UserRecord) {
  const totps = user.authenticators.filter((authenticator) => authenticator.kind === 'otp');
  return (
    totps.find((authenticator) => authenticator.active) ?? totps.findLast((each) => each.pendingEnrollment)
  );
}
