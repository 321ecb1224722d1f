import { optionalString, readRequestBody, type RequestBody } from '../body.ts';
import { authenticateClient } from '../client-auth.ts';
import { requireScope, resolveMfaBearer } from '../domain/mfa-bearer.ts';
import { openMfaTransaction } from '../domain/mfa-transaction.ts';
import { sendOutOfBand } from '../domain/oob.ts';
import { auth0Error, fromSpec } from '../errors.ts';
import { empty, json } from '../respond.ts';
import type { RouteContext, Router } from '../router.ts';
import type { EmulatorState } from '../state.ts';
import { activeFactors, maskedName, type AuthenticatorRecord, type UserRecord } from '../users.ts';
import { associate, oobChannel } from './mfa-associate.ts';

export function registerMfa(router: Router): void {
  router.on('GET', '/mfa/authenticators', listAuthenticators);
  router.on('POST', '/mfa/challenge', challenge);
  router.on('POST', '/mfa/associate', associate);
  router.on('DELETE', '/mfa/authenticators/:id', deleteAuthenticator);
}

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

async function deleteAuthenticator({ state, request, param }: RouteContext) {
  const bearer = await resolveMfaBearer(state, request);
  if (bearer.kind !== 'access_token') throw fromSpec(state.config.unconfirmed.invalidBearer);
  requireScope(state, bearer, 'remove:authenticators');
  const id = param('id') ?? '';
  const { user } = bearer;
  const target = user.authenticators.find((authenticator) => authenticator.id === id);
  if (!target) throw auth0Error(404, 'not_found', 'Authenticator not found.');
  if (target.verifiedEmail) {
    throw auth0Error(
      400,
      'invalid_request',
      'The verified email of the user cannot be deleted as an authenticator.',
    );
  }
  user.authenticators = user.authenticators.filter(
    (authenticator) => authenticator !== target && authenticator.id !== target.pairedWith,
  );
  if (target.kind === 'recovery-code') delete user.recoveryCode;
  return empty(204);
}
