import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { afterEach, beforeEach, expect } from 'vitest';
import {
  createManualClock,
  generateTotp,
  GRANT,
  startEmulator,
  type AdjustableClock,
  type EmulatorConfigInput,
  type OutboxMessage,
  type RunningEmulator,
} from '../src/index.ts';

export { GRANT };

export const NATIVE = 'pwl-native';
export const SPA = 'pwl-spa';
export const WEB = 'pwl-web';
export const WEB_SECRET = 'pwl-web-secret-for-local-development-only';
export const MFA_CLIENT = 'pwl-mfa';
export const CALLBACK = 'http://localhost:5173/callback';

/** Seeded users with a second factor, as documented in the README. */
export const SEED = {
  totp: {
    email: 'totp@example.com',
    secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    recovery: 'TOTPUSERRECOVERYCODE0001',
  },
  sms: { email: 'sms-mfa@example.com', phone: '+15555550101', recovery: 'SMSMFAUSERRECOVERYCODE01' },
  email: { email: 'email-mfa@example.com', recovery: 'EMAILMFARECOVERYCODE0001' },
  push: { email: 'push@example.com', recovery: 'PUSHUSERRECOVERYCODE0001' },
  multi: { email: 'multi@example.com', secret: 'KRUGS4ZANFZSAYJAONSWG4TFOQQQ', phone: '+15555550102' },
  recovery: { email: 'recovery@example.com', recovery: 'RECOVERYUSERCODE00000001' },
} as const;

export interface TestEmulator extends RunningEmulator {
  clock: AdjustableClock;
}

export async function startTestEmulator(config?: EmulatorConfigInput): Promise<TestEmulator> {
  const clock = createManualClock();
  const emulator = await startEmulator({ port: 0, log: false, clock, config });
  return { ...emulator, clock };
}

/** A fresh emulator (own port, manual clock) for every test of the calling file. */
export function useEmulator(config?: EmulatorConfigInput): () => TestEmulator {
  let current: TestEmulator | undefined;
  beforeEach(async () => {
    current = await startTestEmulator(config);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useEmulator() is only available inside a test');
    return current;
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The JSON object answer (`{}` when the body is empty or not an object). */
  body: Record<string, unknown>;
  /** The parsed JSON answer of any shape (`undefined` when not JSON). */
  json: unknown;
}

export interface RequestOptions {
  json?: unknown;
  form?: Record<string, string>;
  /** Sent as is (with `headers` deciding the content type). */
  raw?: string;
  headers?: Record<string, string>;
}

export async function request(
  emulator: RunningEmulator,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else body = options.raw;
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { ...headers, ...options.headers },
    body,
    redirect: 'manual',
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const objectBody =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : {};
  return { status: response.status, headers: response.headers, text, body: objectBody, json };
}

export const get = (emulator: RunningEmulator, path: string, headers?: Record<string, string>) =>
  request(emulator, 'GET', path, { headers });

export const post = (
  emulator: RunningEmulator,
  path: string,
  json: unknown,
  headers?: Record<string, string>,
) => request(emulator, 'POST', path, { json, headers });

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A string field of a reply body (fails the test when missing). */
export function str(reply: Reply, field: string): string {
  const value = reply.body[field];
  if (typeof value !== 'string') {
    throw new Error(`Expected string "${field}" in ${reply.status} ${reply.text}`);
  }
  return value;
}

export function expectError(reply: Reply, status: number, error: string, description?: string): void {
  expect({ status: reply.status, error: reply.body.error }, reply.text).toEqual({ status, error });
  if (description !== undefined) expect(reply.body.error_description).toBe(description);
}

// ---- passwordless ----

export function startEmail(
  emulator: RunningEmulator,
  email: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Promise<Reply> {
  return post(
    emulator,
    '/passwordless/start',
    { client_id: NATIVE, connection: 'email', email, send: 'code', ...extra },
    headers,
  );
}

export function startSms(
  emulator: RunningEmulator,
  phoneNumber: string,
  extra: Record<string, unknown> = {},
) {
  return post(emulator, '/passwordless/start', {
    client_id: NATIVE,
    connection: 'sms',
    phone_number: phoneNumber,
    ...extra,
  });
}

export async function outbox(emulator: RunningEmulator, to: string): Promise<OutboxMessage[]> {
  const reply = await get(emulator, `/__dev/outbox?to=${encodeURIComponent(to)}`);
  expect(reply.status).toBe(200);
  return reply.json as OutboxMessage[];
}

export async function latestMessage(emulator: RunningEmulator, to: string): Promise<OutboxMessage> {
  const message = (await outbox(emulator, to)).at(-1);
  if (!message) throw new Error(`Nothing in the outbox for ${to}`);
  return message;
}

export async function latestCode(emulator: RunningEmulator, to: string): Promise<string> {
  const code = (await latestMessage(emulator, to)).code;
  if (!code) throw new Error(`The newest message to ${to} has no code`);
  return code;
}

export interface OtpGrantOptions {
  username: string;
  otp: string;
  realm?: 'email' | 'sms';
  clientId?: string;
  scope?: string;
  audience?: string;
  extra?: Record<string, string>;
}

export function otpGrant(emulator: RunningEmulator, options: OtpGrantOptions): Promise<Reply> {
  return post(emulator, '/oauth/token', {
    grant_type: GRANT.passwordlessOtp,
    client_id: options.clientId ?? NATIVE,
    realm: options.realm ?? 'email',
    username: options.username,
    otp: options.otp,
    ...(options.scope ? { scope: options.scope } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
    ...options.extra,
  });
}

export interface LoginOptions {
  clientId?: string;
  scope?: string;
  audience?: string;
  /** Body fields added to both the start and the token call (e.g. `client_secret`). */
  extra?: Record<string, string>;
}

/** Start → code from the outbox → `/oauth/token`: a complete e-mail code login. */
export async function loginWithEmail(
  emulator: RunningEmulator,
  email: string,
  options: LoginOptions = {},
): Promise<Reply> {
  const clientId = options.clientId ?? NATIVE;
  const started = await startEmail(emulator, email, { client_id: clientId, ...options.extra });
  expect(started.status, started.text).toBe(200);
  const otp = await latestCode(emulator, email);
  return otpGrant(emulator, { ...options, clientId, username: email, otp });
}

/** A login that must stop at `mfa_required`; returns its `mfa_token` and the error body. */
export async function loginUntilMfa(
  emulator: RunningEmulator,
  email: string,
  options: LoginOptions = {},
): Promise<{ mfaToken: string; reply: Reply }> {
  const reply = await loginWithEmail(emulator, email, options);
  expectError(reply, 403, 'mfa_required', 'Multifactor authentication required');
  return { mfaToken: str(reply, 'mfa_token'), reply };
}

// ---- MFA ----

/** The TOTP for `secret` at the emulator's time, `stepOffset` 30-second steps away. */
export function totp(emulator: TestEmulator, secret: string, stepOffset = 0): string {
  return generateTotp(secret, emulator.clock.now() + stepOffset * 30_000);
}

export const mfaGrant = (
  emulator: RunningEmulator,
  grant: 'mfaOtp' | 'mfaOob' | 'mfaRecoveryCode',
  mfaToken: string,
  fields: Record<string, string>,
  clientId = NATIVE,
) =>
  post(emulator, '/oauth/token', {
    grant_type: GRANT[grant],
    client_id: clientId,
    mfa_token: mfaToken,
    ...fields,
  });

export const challenge = (
  emulator: RunningEmulator,
  mfaToken: string,
  fields: Record<string, string> = {},
  clientId = NATIVE,
) => post(emulator, '/mfa/challenge', { client_id: clientId, mfa_token: mfaToken, ...fields });

export const decidePush = (emulator: RunningEmulator, messageId: string, decision: 'approve' | 'reject') =>
  request(emulator, 'POST', `/__dev/push/${encodeURIComponent(messageId)}/${decision}`);

export const mfaApiAudience = (emulator: RunningEmulator) => `${emulator.issuer}mfa/`;
export const mfaApiScope = 'openid remove:authenticators read:authenticators';

/** An MFA-API access token for a TOTP user: the `/mfa/` audience forces MFA, passed with a TOTP. */
export async function mfaApiToken(emulator: TestEmulator, email: string, secret: string): Promise<string> {
  const { mfaToken } = await loginUntilMfa(emulator, email, {
    audience: mfaApiAudience(emulator),
    scope: mfaApiScope,
  });
  const reply = await mfaGrant(emulator, 'mfaOtp', mfaToken, { otp: totp(emulator, secret) });
  expect(reply.status, reply.text).toBe(200);
  return str(reply, 'access_token');
}

// ---- tokens ----

/** Verifies an ID token against the served JWKS, at the emulator's (manual) time. */
export async function verifyIdToken(
  emulator: TestEmulator,
  idToken: string,
  clientId = NATIVE,
): Promise<JWTPayload & Record<string, unknown>> {
  const jwks = createRemoteJWKSet(new URL(`${emulator.url}/.well-known/jwks.json`));
  const { payload, protectedHeader } = await jwtVerify(idToken, jwks, {
    issuer: emulator.issuer,
    audience: clientId,
    algorithms: ['RS256'],
    currentDate: new Date(emulator.clock.now()),
  });
  expect(protectedHeader.kid).toEqual(expect.any(String));
  return payload;
}

export interface ListedAuthenticator {
  id: string;
  type?: string;
  authenticator_type: string;
  active: boolean;
  oob_channel?: string;
  name?: string;
}

export async function listAuthenticators(
  emulator: RunningEmulator,
  token: string,
): Promise<ListedAuthenticator[]> {
  const reply = await get(emulator, '/mfa/authenticators', bearer(token));
  expect(reply.status, reply.text).toBe(200);
  return reply.json as ListedAuthenticator[];
}

export const associate = (emulator: RunningEmulator, token: string, body: Record<string, unknown>) =>
  post(emulator, '/mfa/associate', body, bearer(token));

export const deleteAuthenticator = (emulator: RunningEmulator, token: string, id: string) =>
  request(emulator, 'DELETE', `/mfa/authenticators/${encodeURIComponent(id)}`, { headers: bearer(token) });
