import { optionalString, readRequestBody, typeName, type RequestBody } from '../body.ts';
import { authenticateClient, requireGrant } from '../client-auth.ts';
import { GRANT } from '../config.ts';
import { issueCode } from '../domain/codes.ts';
import { auth0Error } from '../errors.ts';
import { limitHeaders, rateLimited, rateLimitKey } from '../domain/rate-limit.ts';
import { objectIdFor } from '../users.ts';
import { json } from '../respond.ts';
import type { RouteContext, Router } from '../router.ts';
import type { EmulatorState } from '../state.ts';
import { buildMagicLink } from './magic-link.ts';

const allowedProperties = new Set([
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
  'connection',
  'email',
  'phone_number',
  'send',
  'authParams',
]);
const e164 = /^\+[0-9]{1,15}$/;
const emailSyntax = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function registerPasswordlessStart(router: Router): void {
  router.on('POST', '/passwordless/start', startPasswordless);
}

async function startPasswordless(context: RouteContext): Promise<Response> {
  const { state, request } = context;
  const body = await readRequestBody(request, state.config.limits.maxBodyBytes, 'passwordless');

  const unknown = Object.keys(body).filter((key) => !allowedProperties.has(key));
  if (unknown.length > 0) {
    throw auth0Error(400, 'bad.request', `the following properties are not allowed: ${unknown.join(', ')}`);
  }
  // Auth0 lists `bad.client_id` before `bad.connection`: the client is checked first.
  const { client, sentSecret } = authenticateClient(state, body, request, 'passwordless');
  const connection = optionalString(body, 'connection', 'passwordless');
  if (!connection) throw auth0Error(400, 'bad.connection', 'Missing required property: connection');
  if (connection !== 'email' && connection !== 'sms') {
    throw auth0Error(400, 'bad.connection', 'Connection does not exist');
  }
  // An SPA cannot hold the Passwordless OTP grant; auth0.js still starts its embedded login here and
  // finishes it through /co/authenticate, which needs cross-origin authentication instead.
  if (!(client.appType === 'spa' && client.crossOriginAuthentication))
    requireGrant(client, GRANT.passwordlessOtp);
  if (!client.connections.includes(connection))
    throw auth0Error(400, 'bad.connection', 'Connection is disabled');

  const identifier = readIdentifier(body, connection);
  const send = readSend(body, connection);
  const authParams = readAuthParams(body);

  const limit = state.startLimits.take(rateLimitKey(request, context.ip, client, sentSecret));
  if (!limit.allowed) throw rateLimited(state, limit);
  const headers = limitHeaders(state, limit, false);

  const user = state.findUser(connection, identifier);
  const deliver = user ? !user.blocked : !state.config.connections[connection].disableSignup;
  if (deliver)
    sendCode(state, { connection, identifier, clientId: client.clientId, send, authParams, request });

  const echo =
    connection === 'email'
      ? { email: identifier, email_verified: user !== undefined }
      : { phone_number: identifier, phone_verified: user !== undefined };
  return json({ _id: user?.objectId ?? objectIdFor(connection, identifier), ...echo }, 200, headers);
}

function readIdentifier(body: RequestBody, connection: 'email' | 'sms'): string {
  if (connection === 'email') {
    const email = optionalString(body, 'email', 'passwordless')?.trim();
    if (!email) throw auth0Error(400, 'bad.email', 'Missing required property: email');
    if (!emailSyntax.test(email))
      throw auth0Error(400, 'bad.email', "Object didn't pass validation for format email: " + email);
    return email.toLowerCase();
  }
  const phone = optionalString(body, 'phone_number', 'passwordless');
  if (!phone) throw auth0Error(400, 'bad.phone_number', 'Missing required property: phone_number');
  if (!e164.test(phone))
    throw auth0Error(400, 'bad.phone_number', 'String does not match pattern: ^\\+[0-9]{1,15}$');
  return phone;
}

function readSend(body: RequestBody, connection: 'email' | 'sms'): 'code' | 'link' {
  const send = optionalString(body, 'send', 'passwordless');
  if (send === undefined) return connection === 'email' ? 'link' : 'code';
  if (send === 'code') return 'code';
  // Native app links (`link_ios`, `link_android`) behave like plain links here.
  if (send === 'link' || send === 'link_ios' || send === 'link_android') return 'link';
  throw auth0Error(400, 'bad.send', `error in send - must be one of: code, link, link_ios, link_android`);
}

function readAuthParams(body: RequestBody): Record<string, string> {
  const authParams = body.authParams;
  if (authParams === undefined || authParams === null) return {};
  if (typeof authParams !== 'object' || Array.isArray(authParams)) {
    throw auth0Error(
      400,
      'bad.authParams',
      `error in authParams - invalid type: ${typeName(authParams)} (expected object)`,
    );
  }
  return Object.fromEntries(
    Object.entries(authParams as Record<string, unknown>)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [key, String(value)]),
  );
}

/** Issues a code (or link) for the identity and drops it in the outbox. */
export function sendCode(
  state: EmulatorState,
  options: {
    connection: 'email' | 'sms';
    identifier: string;
    clientId: string;
    send: 'code' | 'link';
    authParams: Record<string, string>;
    request: Request;
  },
): void {
  const pending = issueCode(state, {
    connection: options.connection,
    identifier: options.identifier,
    clientId: options.clientId,
    send: options.send,
    authParams: options.authParams,
  });
  const language =
    options.request.headers.get('x-request-language') ??
    options.request.headers.get('accept-language') ??
    undefined;
  state.outbox.deliver({
    to: options.identifier,
    channel: options.connection,
    clientId: options.clientId,
    ...(options.send === 'link'
      ? { purpose: 'magic-link', link: buildMagicLink(state, pending) }
      : { purpose: 'passwordless-code', code: pending.code }),
    ...(language ? { language } : {}),
  });
}
