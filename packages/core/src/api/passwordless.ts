import { PasswordlessError } from '../errors.ts';
import { validateEmail, validatePhoneNumber } from '../validation.ts';
import { clientAuth } from './context.ts';
import type { CallOptions, ClientContext } from './context.ts';
import { GRANT_PASSWORDLESS_OTP } from './grants.ts';
import { withOpenid } from './scope.ts';
import { requestTokens } from './tokens.ts';
import { parseBody } from './transport.ts';
import type { TokenResult } from './tokens.ts';
import { compact } from '../compact.ts';
import { isWireObject, optionalBoolean, optionalString } from './wire.ts';
import type { WireObject } from './wire.ts';

/** OAuth parameters Auth0 applies when the magic link is followed (sent as `authParams`). */
export interface AuthParams {
  scope?: string;
  state?: string;
  nonce?: string;
  redirectUri?: string;
  responseType?: string;
  responseMode?: string;
  audience?: string;
}

export type PasswordlessIdentity =
  { connection: 'email'; email: string } | { connection: 'sms'; phoneNumber: string };

export type StartPasswordlessParams = CallOptions &
  PasswordlessIdentity & {
    /** Auth0 sends a link when `send` is omitted, so it is required here. */
    send: 'code' | 'link';
    authParams?: AuthParams;
    /** Template language, sent as `x-request-language` (e.g. `fr`). */
    language?: string;
  };

/** Auth0 echoes the identity; SDKs ignore it, and any 2xx counts as sent. */
export interface StartPasswordlessResult {
  id?: string;
  email?: string;
  emailVerified?: boolean;
  phoneNumber?: string;
  phoneVerified?: boolean;
}

export interface ExchangeOtpParams extends CallOptions {
  realm: 'email' | 'sms';
  /** The email address or E.164 phone number the code was sent to. */
  username: string;
  otp: string;
  scope?: string;
  audience?: string;
}

function checkedIdentifier(kind: 'email' | 'sms', input: string): string {
  const result = kind === 'email' ? validateEmail(input) : validatePhoneNumber(input);
  if (!result.ok) throw result.error;
  return result.value;
}

function authParamsWire(
  context: ClientContext,
  send: 'code' | 'link',
  params: AuthParams | undefined,
): WireObject | undefined {
  if (send === 'code' && params === undefined) return undefined;
  // Links are completed with exchangeAuthorizationCode, so they default to the code flow with the
  // client's scope and audience (the tenant default response type is unconfirmed).
  const linkDefaults = send === 'link';
  return compact({
    scope:
      params?.scope !== undefined || linkDefaults
        ? withOpenid(params?.scope ?? context.options.scope)
        : undefined,
    audience: params?.audience ?? (linkDefaults ? context.options.audience : undefined),
    response_type: params?.responseType ?? (linkDefaults ? 'code' : undefined),
    response_mode: params?.responseMode,
    redirect_uri: params?.redirectUri,
    state: params?.state,
    nonce: params?.nonce,
  });
}

function toStartResult(data: unknown): StartPasswordlessResult {
  if (!isWireObject(data)) return {};
  return compact({
    id: optionalString(data, '_id'),
    email: optionalString(data, 'email'),
    emailVerified: optionalBoolean(data, 'email_verified'),
    phoneNumber: optionalString(data, 'phone_number'),
    phoneVerified: optionalBoolean(data, 'phone_verified'),
  });
}

/** `POST /passwordless/start`. Never retried: each call sends a new code and voids the previous one. */
export async function startPasswordless(
  context: ClientContext,
  params: StartPasswordlessParams,
): Promise<StartPasswordlessResult> {
  const identity =
    params.connection === 'email'
      ? { email: checkedIdentifier('email', params.email) }
      : { phone_number: checkedIdentifier('sms', params.phoneNumber) };
  const body = compact({
    ...clientAuth(context),
    connection: params.connection,
    ...identity,
    send: params.send,
    authParams: authParamsWire(context, params.send, params.authParams),
  });
  const response = await context.transport.send({
    method: 'POST',
    path: 'passwordless/start',
    body,
    headers: params.language ? { 'x-request-language': params.language } : {},
    signal: params.signal,
    forwardedFor: params.forwardedFor,
  });
  // Any 2xx is success, whatever the body (Auth0 documents 200 JSON, some proxies answer 204).
  const parsed = parseBody(response.text);
  return toStartResult(parsed.kind === 'json' ? parsed.value : undefined);
}

/** `POST /oauth/token` with the passwordless OTP grant. Never retried: a failure burns one of 3 attempts. */
export async function exchangeOtp(context: ClientContext, params: ExchangeOtpParams): Promise<TokenResult> {
  const otp = params.otp.replace(/\s+/g, '');
  if (otp === '') {
    throw new PasswordlessError('invalid_code', { message: 'Please enter the code you received.' });
  }
  return requestTokens(context, params, {
    grant_type: GRANT_PASSWORDLESS_OTP,
    realm: params.realm,
    username: checkedIdentifier(params.realm, params.username),
    otp,
    scope: withOpenid(params.scope ?? context.options.scope),
    audience: params.audience ?? context.options.audience,
  });
}
