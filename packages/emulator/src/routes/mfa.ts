import * as OTPAuth from 'otpauth';
import { optionalString, readRequestBody, type RequestBody } from '../body.ts';
import { authenticateClient } from '../client-auth.ts';
import type { MfaFactor } from '../config.ts';
import { requireScope, resolveMfaBearer } from '../domain/mfa-bearer.ts';
import { openMfaTransaction } from '../domain/mfa-transaction.ts';
import { sendOutOfBand } from '../domain/oob.ts';
import { auth0Error, fromSpec } from '../errors.ts';
import { authenticatorSuffix, recoveryCode } from '../ids.ts';
import { empty, json } from '../respond.ts';
import type { RouteContext, Router } from '../router.ts';
import type { EmulatorState } from '../state.ts';
import {
  activeFactors,
  maskedName,
  newAuthenticator,
  type AuthenticatorRecord,
  type UserRecord,
} from '../users.ts';

export function registerMfa(router: Router): void {
  router.on('GET', '/mfa/authenticators', listAuthenticators);
  router.on('POST', '/mfa/challenge', challenge);
  router.on('POST', '/mfa/associate', associate);
  router.on('DELETE', '/mfa/authenticators/:id', deleteAuthenticator);
}

const oobChannel = { sms: 'sms', voice: 'voice', email: 'email', push: 'auth0' } as const;
const factorOfChannel = new Map<string, MfaFactor>([
  ['sms', 'sms'],
  ['voice', 'voice'],
  ['email', 'email'],
  ['auth0', 'push'],
]);
const listedType = {
  otp: 'otp',
  sms: 'phone',
  voice: 'phone',
  email: 'email',
  push: 'push-notification',
} as const;

function describeAuthenticator(state: EmulatorState, authenticator: AuthenticatorRecord) {
  const { kind } = authenticator;
  const name = maskedName(authenticator);
  return {
    ...(state.config.mfa.emitAuthenticatorType
      ? { type: kind === 'recovery-code' ? 'recovery-code' : listedType[kind] }
      : {}),
    id: authenticator.id,
    authenticator_type: kind === 'otp' || kind === 'recovery-code' ? kind : 'oob',
    active: authenticator.active,
    ...(kind !== 'otp' && kind !== 'recovery-code' ? { oob_channel: oobChannel[kind] } : {}),
    ...(name ? { name } : {}),
  };
}

async function listAuthenticators({ state, request }: RouteContext) {
  const bearer = await resolveMfaBearer(state, request);
  requireScope(state, bearer, 'read:authenticators');
  return json(bearer.user.authenticators.map((authenticator) => describeAuthenticator(state, authenticator)));
}

async function challenge({ state, request }: RouteContext) {
  const body = await readRequestBody(request, state.config.limits.maxBodyBytes, 'oauth');
  const { client } = authenticateClient(state, body, request, 'oauth');
  const open = openMfaTransaction(state, body, client.clientId);
  const authenticator = chooseAuthenticator(open.user, body);
  if (authenticator.kind === 'otp') return json({ challenge_type: 'otp' });
  const sent = sendOutOfBand(state, {
    user: open.user,
    authenticator,
    mfaToken: open.mfaToken,
    clientId: client.clientId,
    enrollment: false,
  });
  return json({
    challenge_type: 'oob',
    oob_code: sent.oobCode,
    ...(sent.bindingMethod ? { binding_method: sent.bindingMethod } : {}),
  });
}

function chooseAuthenticator(user: UserRecord, body: RequestBody): AuthenticatorRecord {
  const factors = activeFactors(user);
  const authenticatorId = optionalString(body, 'authenticator_id');
  const accepted = (optionalString(body, 'challenge_type') ?? 'otp oob').split(/\s+/).filter(Boolean);
  const challengeTypeOf = (authenticator: AuthenticatorRecord) =>
    authenticator.kind === 'otp' ? 'otp' : 'oob';

  if (factors.length === 0) {
    throw auth0Error(
      400,
      'association_required',
      'User does not have any active authenticator. Use /mfa/associate.',
    );
  }
  if (authenticatorId) {
    const chosen = user.authenticators.find((authenticator) => authenticator.id === authenticatorId);
    if (!chosen || !chosen.active)
      throw auth0Error(400, 'invalid_request', `Authenticator ${authenticatorId} not found.`);
    if (chosen.kind === 'recovery-code' || !accepted.includes(challengeTypeOf(chosen))) {
      throw auth0Error(
        400,
        'unsupported_challenge_type',
        `The authenticator does not support the requested challenge type (${accepted.join(' ')}).`,
      );
    }
    return chosen;
  }
  const chosen = factors.find((authenticator) => accepted.includes(challengeTypeOf(authenticator)));
  if (!chosen) {
    throw auth0Error(
      400,
      'unsupported_challenge_type',
      `The user does not support the requested challenge type (${accepted.join(' ')}). Supported type: ${challengeTypeOf(factors[0]!)}.`,
    );
  }
  return chosen;
}

async function associate({ state, request }: RouteContext) {
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

  if (factor === 'otp') {
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    user.authenticators.push(newAuthenticator('otp', { active: false, secret, pendingEnrollment: mfaToken }));
    const barcodeUri = new OTPAuth.TOTP({
      issuer: state.config.tenantName,
      label: user.email ?? user.phoneNumber ?? user.userId,
      secret: OTPAuth.Secret.fromBase32(secret),
    }).toString();
    return json({ authenticator_type: 'otp', secret, barcode_uri: barcodeUri, ...recoveryCodes });
  }

  const suffix = authenticatorSuffix();
  let authenticator: AuthenticatorRecord;
  let barcodeUri: string | undefined;
  if (factor === 'push') {
    const totp = newAuthenticator(
      'otp',
      { active: false, secret: new OTPAuth.Secret({ size: 20 }).base32, pendingEnrollment: mfaToken },
      suffix,
    );
    authenticator = newAuthenticator(
      'push',
      {
        active: false,
        deviceName: 'Emulated Guardian device',
        pendingEnrollment: mfaToken,
        pairedWith: totp.id,
      },
      suffix,
    );
    totp.pairedWith = authenticator.id;
    user.authenticators.push(authenticator, totp);
    const label = encodeURIComponent(
      `${state.config.tenantName}:${user.email ?? user.phoneNumber ?? user.userId}`,
    );
    barcodeUri = `otpauth://totp/${label}?enrollment_tx_id=${suffix}&base_url=${encodeURIComponent(state.issuer)}`;
  } else if (factor === 'email') {
    const email = optionalString(body, 'email')?.trim();
    if (!email || !email.includes('@'))
      throw auth0Error(400, 'invalid_request', 'A valid email is required for the email channel.');
    authenticator = newAuthenticator('email', { active: false, email, pendingEnrollment: mfaToken }, suffix);
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
    authenticator = newAuthenticator(
      factor,
      { active: false, phoneNumber, pendingEnrollment: mfaToken },
      suffix,
    );
    user.authenticators.push(authenticator);
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

async function deleteAuthenticator({ state, request, param }: RouteContext) {
  const bearer = await resolveMfaBearer(state, request);
  if (bearer.kind !== 'access_token') throw fromSpec(state.config.unconfirmed.invalidBearer);
  requireScope(state, bearer, 'remove:authenticators');
  const id = param('id') ?? '';
  const { user } = bearer;
  const target = user.authenticators.find((authenticator) => authenticator.id === id);
  if (!target) throw auth0Error(404, 'not_found', 'Authenticator not found.');
  user.authenticators = user.authenticators.filter(
    (authenticator) => authenticator !== target && authenticator.id !== target.pairedWith,
  );
  if (target.kind === 'recovery-code') delete user.recoveryCode;
  return empty(204);
}
