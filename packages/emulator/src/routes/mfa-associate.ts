import * as OTPAuth from 'otpauth';
import { optionalString, readRequestBody, type RequestBody } from '../body.ts';
import type { MfaFactor } from '../config.ts';
import { resolveMfaBearer } from '../domain/mfa-bearer.ts';
import { sendOutOfBand } from '../domain/oob.ts';
import { auth0Error, fromSpec } from '../errors.ts';
import { authenticatorSuffix, recoveryCode } from '../ids.ts';
import { json } from '../respond.ts';
import type { RouteContext } from '../router.ts';
import type { EmulatorState } from '../state.ts';
import { activeFactors, newAuthenticator, type AuthenticatorRecord, type UserRecord } from '../users.ts';

export const oobChannel = { sms: 'sms', voice: 'voice', email: 'email', push: 'auth0' } as const;
const factorOfChannel = new Map<string, MfaFactor>([
  ['sms', 'sms'],
  ['voice', 'voice'],
  ['email', 'email'],
  ['auth0', 'push'],
]);

const newTotpSecret = () => new OTPAuth.Secret({ size: 20 }).base32;
const labelOf = (user: UserRecord) => user.email ?? user.phoneNumber ?? user.userId;

/**
 * `POST /mfa/associate` with an `mfa_token`: the user's first enrolment. Creates the authenticators
 * as Auth0 does (push with its paired TOTP, a phone as SMS and voice when both are on) inactive
 * until the matching verify grant confirms them.
 */
export async function associate({ state, request }: RouteContext) {
  const bearer = await resolveMfaBearer(state, request);
  const body = await readRequestBody(request, state.config.limits.maxBodyBytes, 'oauth');
  if (bearer.kind !== 'mfa_token') {
    throw auth0Error(400, 'invalid_request', 'The emulator enrols authenticators with an mfa_token only.');
  }
  const { user, mfaToken } = bearer;
  if (activeFactors(user).length > 0) throw fromSpec(state.config.unconfirmed.alreadyEnrolled);
  const clientId = state.mfaTransactions.get(mfaToken)!.clientId;
  const factor = requestedFactor(body);
  if (!state.config.mfa.factors.includes(factor)) {
    throw auth0Error(
      400,
      'unsupported_challenge_type',
      `The ${factor} factor is not enabled for this tenant.`,
    );
  }
  const recoveryCodes = firstRecoveryCodes(state, user);
  const pending = { active: false, pendingEnrollment: mfaToken };

  if (factor === 'otp') {
    const secret = newTotpSecret();
    user.authenticators.push(newAuthenticator('otp', { ...pending, secret }));
    const barcodeUri = new OTPAuth.TOTP({
      issuer: state.config.tenantName,
      label: labelOf(user),
      secret: OTPAuth.Secret.fromBase32(secret),
    }).toString();
    return json({ authenticator_type: 'otp', secret, barcode_uri: barcodeUri, ...recoveryCodes });
  }

  const suffix = authenticatorSuffix();
  let authenticator: AuthenticatorRecord;
  let barcodeUri: string | undefined;
  if (factor === 'push') {
    const totp = newAuthenticator('otp', { ...pending, secret: newTotpSecret() }, suffix);
    authenticator = newAuthenticator('push', { ...pending, deviceName: 'Emulated Guardian device' }, suffix);
    pair(authenticator, totp);
    user.authenticators.push(authenticator, totp);
    const label = encodeURIComponent(`${state.config.tenantName}:${labelOf(user)}`);
    barcodeUri = `otpauth://totp/${label}?enrollment_tx_id=${suffix}&base_url=${encodeURIComponent(state.issuer)}`;
  } else if (factor === 'email') {
    // Auth0's SDKs document `email` as optional: the user's own address by default.
    const email = (optionalString(body, 'email') ?? user.email)?.trim();
    if (!email || !email.includes('@'))
      throw auth0Error(400, 'invalid_request', 'A valid email is required for the email channel.');
    authenticator = newAuthenticator('email', { ...pending, email }, suffix);
    user.authenticators.push(authenticator);
  } else {
    const phoneNumber = optionalString(body, 'phone_number')?.trim();
    if (!phoneNumber || !/^\+[1-9][0-9]{1,14}$/.test(phoneNumber)) {
      throw auth0Error(
        400,
        'invalid_request',
        'A phone_number in E.164 format is required for the sms and voice channels.',
      );
    }
    authenticator = newAuthenticator(factor, { ...pending, phoneNumber }, suffix);
    user.authenticators.push(authenticator);
    const other = factor === 'sms' ? 'voice' : 'sms';
    if (state.config.mfa.factors.includes(other)) {
      const twin = newAuthenticator(other, { ...pending, phoneNumber }, suffix);
      pair(authenticator, twin);
      user.authenticators.push(twin);
    }
  }
  const sent = sendOutOfBand(state, { user, authenticator, mfaToken, clientId, enrollment: true });
  return json({
    authenticator_type: 'oob',
    ...(sent.bindingMethod ? { binding_method: sent.bindingMethod } : {}),
    ...(barcodeUri ? { barcode_uri: barcodeUri } : {}),
    oob_channel: oobChannel[factor],
    oob_code: sent.oobCode,
    ...recoveryCodes,
  });
}

/** Confirming or deleting either of a pair acts on both. */
function pair(first: AuthenticatorRecord, second: AuthenticatorRecord): void {
  first.pairedWith = second.id;
  second.pairedWith = first.id;
}

function requestedFactor(body: RequestBody): MfaFactor {
  const types = body.authenticator_types;
  if (!Array.isArray(types) || types.length !== 1 || (types[0] !== 'otp' && types[0] !== 'oob')) {
    throw auth0Error(400, 'invalid_request', 'authenticator_types must be ["otp"] or ["oob"].');
  }
  if (types[0] === 'otp') return 'otp';
  const channels = body.oob_channels;
  const channel = Array.isArray(channels) && channels.length === 1 ? channels[0] : undefined;
  const factor = typeof channel === 'string' ? factorOfChannel.get(channel) : undefined;
  if (!factor)
    throw auth0Error(
      400,
      'invalid_request',
      'oob_channels must be one of ["sms"], ["voice"], ["email"], ["auth0"].',
    );
  return factor;
}

/** Recovery codes come with the user's first enrolment only. */
function firstRecoveryCodes(state: EmulatorState, user: UserRecord): { recovery_codes?: string[] } {
  if (!state.config.mfa.recoveryCodes || user.recoveryCode) return {};
  user.pendingRecoveryCode ??= recoveryCode();
  return { recovery_codes: [user.pendingRecoveryCode] };
}
