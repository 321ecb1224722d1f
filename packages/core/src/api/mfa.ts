import { PasswordlessError } from '../errors.ts';
import { validateEmail, validatePhoneNumber } from '../validation.ts';
import { normalizeAuthenticator } from './authenticators.ts';
import type { Authenticator, OobChannel } from './authenticators.ts';
import { clientAuth } from './context.ts';
import type { CallOptions, ClientContext } from './context.ts';
import { GRANT_MFA_OOB, GRANT_MFA_OTP, GRANT_MFA_RECOVERY_CODE } from './grants.ts';
import { requestTokens } from './tokens.ts';
import type { TokenResult } from './tokens.ts';
import { compact } from '../compact.ts';
import { optionalString, optionalStringArray, requireObject, requireString } from './wire.ts';
import type { WireObject } from './wire.ts';

/** `prompt` = the user types the 6-digit code that was sent; absent for push. */
export type BindingMethod = 'prompt' | (string & {});

export interface ListAuthenticatorsParams extends CallOptions {
  mfaToken: string;
  /** Also return enrolled-but-unconfirmed entries (`active: false`), which cannot be challenged. */
  includeInactive?: boolean;
}

export interface ChallengeParams extends CallOptions {
  mfaToken: string;
  authenticatorId?: string;
  /** The challenge types the app accepts, e.g. `['otp', 'oob']`; sent space-separated. */
  challengeType?: 'otp' | 'oob' | 'otp oob' | Array<'otp' | 'oob'>;
}

export type ChallengeResult =
  { challengeType: 'otp' } | { challengeType: 'oob'; oobCode: string; bindingMethod?: BindingMethod };

export interface VerifyMfaOtpParams extends CallOptions {
  mfaToken: string;
  otp: string;
}

export interface VerifyMfaOobParams extends CallOptions {
  mfaToken: string;
  oobCode: string;
  /** Required when the challenge said `bindingMethod: 'prompt'`; omit when polling push. */
  bindingCode?: string;
}

export interface VerifyRecoveryCodeParams extends CallOptions {
  mfaToken: string;
  recoveryCode: string;
}

export interface RecoveryCodeResult extends TokenResult {
  /** The used code is gone; this replacement must be shown to the user once. */
  newRecoveryCode?: string;
}

export type AssociateParams = CallOptions & { mfaToken: string } & (
    | { type: 'otp' }
    | { type: 'sms' | 'voice'; phoneNumber: string }
    | { type: 'email'; email: string }
    | { type: 'push' }
  );

export type AssociateResult =
  | { authenticatorType: 'otp'; secret: string; barcodeUri: string; recoveryCodes?: string[]; id?: string }
  | {
      authenticatorType: 'oob';
      oobChannel: OobChannel;
      oobCode: string;
      bindingMethod?: BindingMethod;
      /** Push: the QR code to scan with Guardian. */
      barcodeUri?: string;
      recoveryCodes?: string[];
      id?: string;
    };

/** `GET /mfa/authenticators`, normalised; only active entries unless `includeInactive`. */
export async function listAuthenticators(
  context: ClientContext,
  params: ListAuthenticatorsParams,
): Promise<Authenticator[]> {
  const { status, data } = await context.transport.sendJson({
    method: 'GET',
    path: 'mfa/authenticators',
    bearer: params.mfaToken,
    signal: params.signal,
    forwardedFor: params.forwardedFor,
    idempotent: true,
  });
  if (!Array.isArray(data)) {
    throw new PasswordlessError('invalid_response', {
      status,
      message:
        'The authentication server returned an unexpected response: the authenticator list is not an array.',
    });
  }
  return data.flatMap((raw): Authenticator[] => {
    const authenticator = normalizeAuthenticator(raw);
    return authenticator && (authenticator.active || params.includeInactive) ? [authenticator] : [];
  });
}

/** `POST /mfa/challenge`: sends the SMS/voice/email code or the push notification. */
export async function challenge(context: ClientContext, params: ChallengeParams): Promise<ChallengeResult> {
  const challengeType = Array.isArray(params.challengeType)
    ? params.challengeType.join(' ')
    : params.challengeType;
  const { status, data } = await context.transport.sendJson({
    method: 'POST',
    path: 'mfa/challenge',
    body: compact({
      ...clientAuth(context),
      mfa_token: params.mfaToken,
      challenge_type: challengeType,
      authenticator_id: params.authenticatorId,
    }),
    signal: params.signal,
    forwardedFor: params.forwardedFor,
  });
  const body = requireObject(data, 'the challenge response', status);
  const type = requireString(body, 'challenge_type', 'the challenge response', status);
  if (type === 'otp') return { challengeType: 'otp' };
  if (type !== 'oob') {
    throw new PasswordlessError('invalid_response', {
      status,
      message: `The authentication server returned an unknown challenge type "${type}".`,
    });
  }
  const result: ChallengeResult = {
    challengeType: 'oob',
    oobCode: requireString(body, 'oob_code', 'the challenge response', status),
  };
  const bindingMethod = optionalString(body, 'binding_method');
  if (bindingMethod) result.bindingMethod = bindingMethod;
  return result;
}

/** Verifies a TOTP (also confirms an OTP enrolment). */
export function verifyMfaOtp(context: ClientContext, params: VerifyMfaOtpParams): Promise<TokenResult> {
  return requestTokens(context, params, {
    grant_type: GRANT_MFA_OTP,
    mfa_token: params.mfaToken,
    otp: params.otp.replace(/\s+/g, ''),
  });
}

/**
 * Verifies an OOB code (SMS/voice/email binding code, or push). For push, call it every ≥5 s:
 * it rejects with `authorization_pending` until the user answers and `slow_down` when too fast.
 */
export function verifyMfaOob(context: ClientContext, params: VerifyMfaOobParams): Promise<TokenResult> {
  return requestTokens(context, params, {
    grant_type: GRANT_MFA_OOB,
    mfa_token: params.mfaToken,
    oob_code: params.oobCode,
    binding_code: params.bindingCode?.replace(/\s+/g, ''),
  });
}

export async function verifyRecoveryCode(
  context: ClientContext,
  params: VerifyRecoveryCodeParams,
): Promise<RecoveryCodeResult> {
  const tokens = await requestTokens(context, params, {
    grant_type: GRANT_MFA_RECOVERY_CODE,
    mfa_token: params.mfaToken,
    recovery_code: params.recoveryCode.replace(/\s+/g, ''),
  });
  return tokens.recoveryCode === undefined ? tokens : { ...tokens, newRecoveryCode: tokens.recoveryCode };
}

function associateBody(params: AssociateParams): WireObject {
  switch (params.type) {
    case 'otp':
      return { authenticator_types: ['otp'] };
    case 'push':
      return { authenticator_types: ['oob'], oob_channels: ['auth0'] };
    case 'email': {
      const email = validateEmail(params.email);
      if (!email.ok) throw email.error;
      return { authenticator_types: ['oob'], oob_channels: ['email'], email: email.value };
    }
    default: {
      const phone = validatePhoneNumber(params.phoneNumber);
      if (!phone.ok) throw phone.error;
      return { authenticator_types: ['oob'], oob_channels: [params.type], phone_number: phone.value };
    }
  }
}

const requestedChannels: Record<Exclude<AssociateParams['type'], 'otp'>, OobChannel> = {
  push: 'auth0',
  email: 'email',
  sms: 'sms',
  voice: 'voice',
};

/** `POST /mfa/associate`: enrols a factor; confirm it with the matching verify call. */
export async function associate(context: ClientContext, params: AssociateParams): Promise<AssociateResult> {
  const { status, data } = await context.transport.sendJson({
    method: 'POST',
    path: 'mfa/associate',
    bearer: params.mfaToken,
    body: { ...clientAuth(context), ...associateBody(params) },
    signal: params.signal,
    forwardedFor: params.forwardedFor,
  });
  const what = 'the enrolment response';
  const body = requireObject(data, what, status);
  const recoveryCodes = optionalStringArray(body, 'recovery_codes');
  const id = optionalString(body, 'id');
  const extras = compact({ recoveryCodes, id });
  if (params.type === 'otp') {
    return {
      authenticatorType: 'otp',
      secret: requireString(body, 'secret', what, status),
      barcodeUri: requireString(body, 'barcode_uri', what, status),
      ...extras,
    };
  }
  const wireChannel = optionalString(body, 'oob_channel');
  const oobChannel = (['sms', 'voice', 'email', 'auth0'] as const).find((c) => c === wireChannel);
  return {
    authenticatorType: 'oob',
    oobChannel: oobChannel ?? requestedChannels[params.type],
    oobCode: requireString(body, 'oob_code', what, status),
    ...compact({
      bindingMethod: optionalString(body, 'binding_method'),
      barcodeUri: optionalString(body, 'barcode_uri'),
    }),
    ...extras,
  };
}
