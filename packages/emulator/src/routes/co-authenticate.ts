import { optionalString, readRequestBody, type RequestBody } from '../body.ts';
import { authenticateClient, requireGrant } from '../client-auth.ts';
import { GRANT, type ClientConfig } from '../config.ts';
import { checkCode, wrongCodeDescription, type CodeCheck } from '../domain/codes.ts';
import { auth0Error, fromSpec } from '../errors.ts';
import { matchesAny } from '../glob.ts';
import { opaqueToken } from '../ids.ts';
import { json, respond } from '../respond.ts';
import type { RouteContext, Router } from '../router.ts';
import type { EmulatorState } from '../state.ts';

/** How long a login ticket may wait for its `/authorize` redirect. */
const loginTicketSeconds = 300;
const fields = ['client_id', 'credential_type', 'username', 'otp', 'realm'];

/**
 * Cross-origin authentication as auth0.js uses it off the hosted page (`passwordlessLogin`):
 * `POST /co/authenticate` checks the code and returns a one-time `login_ticket`, which the browser
 * then takes to `/authorize?login_ticket=…`. And `POST /passwordless/verify`, which auth0.js
 * `passwordlessVerify` calls before it sends the browser to the link (`verify_redirect`).
 */
export function registerCrossOrigin(router: Router): void {
  router.on('POST', '/co/authenticate', crossOriginAuthenticate);
  router.on('POST', '/passwordless/verify', passwordlessVerify);
}

async function crossOriginAuthenticate({ state, request }: RouteContext): Promise<Response> {
  const body = await readRequestBody(request, state.config.limits.maxBodyBytes, 'oauth');
  const keys = Object.keys(body);
  if (keys.length !== fields.length || fields.some((field) => typeof body[field] !== 'string')) {
    throw auth0Error(
      400,
      'invalid_request',
      `Invalid request body. All and only of ${fields.join(', ')} are required.`,
    );
  }
  const client = state.client(String(body.client_id));
  if (!client) throw fromSpec(state.config.unconfirmed.unknownClient);
  const origin = request.headers.get('origin');
  // Auth0 answers a foreign origin in plain text, not JSON.
  if (origin && !allowsOrigin(client, origin)) return respond(`Origin ${origin} is not allowed.`, 403);
  if (!client.crossOriginAuthentication)
    throw auth0Error(401, 'unauthorized_client', 'Cross origin login not allowed.');
  if (body.credential_type !== GRANT.passwordlessOtp) {
    throw auth0Error(
      400,
      'unsupported_credential_type',
      `Unsupported credential_type: ${String(body.credential_type)}`,
    );
  }
  const realm = String(body.realm);
  if ((realm !== 'email' && realm !== 'sms') || !client.connections.includes(realm)) {
    throw auth0Error(400, 'invalid_request', `Unknown realm ${realm}.`);
  }
  const username = String(body.username);
  const checked = checkCode(state, {
    connection: realm,
    identifier: username,
    clientId: client.clientId,
    code: String(body.otp),
  });
  if (!checked.ok) throw codeRefused(state, checked, realm);
  const user = state.findUser(realm, username) ?? state.createUser(realm, username);
  if (user.blocked) throw auth0Error(403, 'blocked_user', 'user is blocked');
  const ticket = opaqueToken();
  state.loginTickets.set(ticket, {
    userId: user.userId,
    clientId: client.clientId,
    expiresAt: state.secondsFromNow(loginTicketSeconds),
  });
  // auth0.js keeps co_verifier for a cross-origin verification page; the emulator does not ask for it.
  return json({ login_ticket: ticket, co_verifier: opaqueToken(), co_id: opaqueToken().slice(0, 12) });
}

/** The origins of Allowed Callback URLs count as allowed origins too, as on Auth0. */
function allowsOrigin(client: ClientConfig, origin: string): boolean {
  const callbackOrigins = client.callbacks.map((callback) =>
    callback.replace(/^([a-z]+:\/\/[^/]+).*$/i, '$1'),
  );
  return matchesAny([...client.webOrigins, ...callbackOrigins], origin);
}

function codeRefused(state: EmulatorState, checked: CodeCheck & { ok: false }, realm: 'email' | 'sms') {
  if (checked.reason === 'expired')
    return auth0Error(403, 'access_denied', state.config.unconfirmed.codeExpired.error_description);
  if (checked.reason === 'exhausted') {
    return auth0Error(403, 'access_denied', state.config.unconfirmed.codeAttemptsExhausted.error_description);
  }
  return auth0Error(403, 'access_denied', wrongCodeDescription(realm));
}

/** Checks the code without spending it: the `verify_redirect` that follows does that. */
async function passwordlessVerify({ state, request }: RouteContext): Promise<Response> {
  const body: RequestBody = await readRequestBody(request, state.config.limits.maxBodyBytes, 'passwordless');
  const { client } = authenticateClient(state, body, request, 'passwordless');
  if (!(client.appType === 'spa' && client.crossOriginAuthentication))
    requireGrant(client, GRANT.passwordlessOtp);
  const connection = optionalString(body, 'connection', 'passwordless');
  if (connection !== 'email' && connection !== 'sms') {
    throw auth0Error(
      400,
      'bad.connection',
      connection ? 'Connection does not exist' : 'Missing required property: connection',
    );
  }
  const field = connection === 'email' ? 'email' : 'phone_number';
  const identifier = optionalString(body, field, 'passwordless');
  if (!identifier) throw auth0Error(400, `bad.${field}`, `Missing required property: ${field}`);
  const code = optionalString(body, 'verification_code', 'passwordless');
  if (!code) throw auth0Error(400, 'bad.verification_code', 'Missing required property: verification_code');
  const checked = checkCode(state, { connection, identifier, clientId: client.clientId, code }, false);
  if (!checked.ok) {
    if (checked.reason === 'expired') throw fromSpec(state.config.unconfirmed.codeExpired);
    if (checked.reason === 'exhausted') throw fromSpec(state.config.unconfirmed.codeAttemptsExhausted);
    throw auth0Error(403, 'invalid_grant', wrongCodeDescription(connection));
  }
  return json({});
}
