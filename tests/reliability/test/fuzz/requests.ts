import fc from 'fast-check';
import type { Endpoint } from './endpoints.ts';

/** One generated request, exact enough to replay by hand (see `toCurl`). */
export interface FuzzRequest {
  kind: string;
  method: string;
  /** Path and query, sent as they are (bad percent-encoding included). */
  target: string;
  headers: Record<string, string>;
  body: string;
  /** `http`: a normal client; `slow`: the body trickles in; `partial`: the body stops short; `raw`: bytes as given. */
  transport: 'http' | 'slow' | 'partial' | 'raw';
}

// Names Auth0's endpoints read, so generated bodies reach the code behind the first checks.
const FIELDS = [
  'client_id',
  'client_secret',
  'connection',
  'email',
  'phone_number',
  'send',
  'authParams',
  'grant_type',
  'username',
  'realm',
  'otp',
  'scope',
  'audience',
  'mfa_token',
  'oob_code',
  'binding_code',
  'recovery_code',
  'refresh_token',
  'token',
  'code',
  'redirect_uri',
  'code_verifier',
  'challenge_type',
  'authenticator_id',
  'authenticator_types',
  'oob_channels',
  'advanceSeconds',
  'login_ticket',
  'credential_type',
  'state',
  'nonce',
  'response_type',
  'to',
  'returnTo',
  'id_token_hint',
  'verification_code',
];

const PLAUSIBLE = [
  'pwl-native',
  'pwl-web',
  'pwl-mfa',
  'pwl-spa',
  'pwl-web-secret-for-local-development-only',
  'email',
  'sms',
  'code',
  'link',
  'alice@example.com',
  'totp@example.com',
  '+15555550100',
  'openid profile',
  'otp',
  'oob',
  'http://auth0.com/oauth/grant-type/passwordless/otp',
  'http://auth0.com/oauth/grant-type/mfa-otp',
  'http://auth0.com/oauth/grant-type/mfa-oob',
  'http://auth0.com/oauth/grant-type/mfa-recovery-code',
  'refresh_token',
  'authorization_code',
  'http://localhost:5173/callback',
  'recovery-code',
];

const unicode = fc.constantFrom(
  '\ud800',
  '\udfff',
  'a\u0000b',
  '\u202eevil',
  '👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  '\uffff',
  'ǅ',
  '\u2028',
  'ß'.repeat(300),
);
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), unicode, fc.constantFrom(...PLAUSIBLE));

/** Any JSON value, mostly of a type the field does not take. */
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: text },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e300, -0, 9007199254740991, 3e9, -1e12)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, false, [], {}, ['a', 1], { nested: { deeper: [null] } }),
  },
  { weight: 1, arbitrary: fc.dictionary(text, fc.oneof(text, fc.integer()), { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 4 }) },
);

const fields = fc.dictionary(
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: text }),
  jsonValue,
  {
    maxKeys: 6,
  },
);

const badJson = fc.oneof(
  fields.map((body) => JSON.stringify(body).slice(0, -1)),
  fc.constantFrom(
    '{',
    '{"client_id":',
    '[1,2',
    'null',
    '"str"',
    '42',
    '{"a":NaN}',
    '\ufeff{"client_id":"pwl-native"}',
    '{"a":1,"a":2}',
    "{'a':1}",
    '1e999999',
  ),
  fc.nat({ max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const formBody = fc.oneof(
  fields.map((body) =>
    new URLSearchParams(
      Object.entries(body).map(([key, value]) => [
        key,
        typeof value === 'string' ? value : JSON.stringify(value),
      ]),
    ).toString(),
  ),
  fc.constantFrom(
    '%zz=1',
    'client_id=%',
    'a=%E2%82',
    '&&&==&',
    'client_id=pwl-native&client_id=pwl-web',
    '=%00',
  ),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/xml',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
  '',
  '*/*',
  'application/jso\u0000n',
);

const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');
/** HTTP Basic credentials, many with broken percent-encoding (a lone `%`, `%zz`, a cut UTF-8 sequence). */
const basicAuth = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('pwl-web', 'pwl-native', '%zz', '%', '%E2%82', 'p%wl', '%C3', ''),
      fc.constantFrom('pwl-web-secret-for-local-development-only', '%zz', '%', '%E2%82%', 'x'),
    )
    .map(([id, secret]) => `Basic ${b64(`${id}:${secret}`)}`),
  fc.constantFrom(
    'Basic',
    'Basic ',
    'Basic !!!notbase64',
    `Basic ${b64('no-colon')}`,
    'Bearer',
    'Bearer %zz',
    'Bearer a.b.c',
    'Digest x',
  ),
  text.map((value) => `Basic ${b64(value)}`),
);

const extraHeaders = fc.record(
  {
    authorization: basicAuth,
    origin: fc.constantFrom('null', 'http://localhost:5173', 'http://evil.example', '%zz', 'file://'),
    'x-request-language': fc.constantFrom('fr', 'xx-INVALID-', '*', '', 'de'.repeat(500)),
    'auth0-forwarded-for': fc.constantFrom(
      '203.0.113.7',
      'not-an-ip',
      '::1',
      '1.2.3.4, 5.6.7.8',
      '999.1.1.1',
    ),
    'auth0-client': fc.constantFrom('!!!', b64('{"name":'), b64('{"name":"x","version":1}')),
    accept: fc.constantFrom('text/html', 'application/json', '*/*;q=0', 'garbage'),
    cookie: fc.constantFrom('a=%zz', 'x'.repeat(4000), '=;=;'),
    'x-huge': fc.constant('y'.repeat(8000)),
  },
  { requiredKeys: [] },
);

const idSegment = fc.constantFrom(
  'x',
  '%zz',
  '%',
  '..',
  'totp%7Cdev_jN0x3pGPCpM8LtCE',
  '%F0%9F',
  'a'.repeat(3000),
  '%00',
);
const queryPart = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...FIELDS),
      fc.constantFrom('%zz', '%', '%E2%82', 'alice@example.com', '', '+', 'a=b=c', '%00'),
    )
    .map(([key, value]) => `${key}=${value}`),
  fc.constantFrom('&', '==', '%zz', '?'),
);

/** A bad request to `endpoint`, of one of the kinds the emulator must answer with a 4xx (or a success). */
export function fuzzRequest(endpoint: Endpoint): fc.Arbitrary<FuzzRequest> {
  const method = fc.oneof(
    { weight: 9, arbitrary: fc.constant(endpoint.method) },
    { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'OPTIONS', 'HEAD', 'GET', 'POST', 'DELETE') },
  );
  const path = endpoint.path.includes(':')
    ? idSegment.map((id) => endpoint.path.replace(/:[A-Za-z]+/g, id))
    : fc.constant(endpoint.path);
  const query = fc.option(
    fc.array(queryPart, { minLength: 1, maxLength: 4 }).map((parts) => `?${parts.join('&')}`),
    { nil: '' },
  );
  const body = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.tuple(
        fc.constant('wrong types'),
        fields.map((value) => JSON.stringify(value)),
        fc.constant('application/json'),
      ),
    },
    { weight: 2, arbitrary: fc.tuple(fc.constant('bad JSON'), badJson, fc.constant('application/json')) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constant('form'), formBody, fc.constant('application/x-www-form-urlencoded')),
    },
    { weight: 2, arbitrary: fc.tuple(fc.constant('content type'), fc.oneof(badJson, formBody), contentType) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.constant('huge body'),
        fc.constantFrom(70_000, 300_000, 2_000_000).map((size) => `{"client_id":"${'a'.repeat(size)}"}`),
        fc.constant('application/json'),
      ),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constant('no body'), fc.constant(''), fc.constant('')) },
  );
  const transport = fc.oneof(
    { weight: 20, arbitrary: fc.constant('http' as const) },
    { weight: 1, arbitrary: fc.constantFrom('slow' as const, 'partial' as const, 'raw' as const) },
  );
  return fc
    .tuple(method, path, query, body, extraHeaders, transport)
    .map(([verb, pathname, search, [kind, payload, type], headers, via]) => ({
      kind,
      method: verb,
      target: `${pathname}${search}`,
      headers: { ...(type ? { 'content-type': type } : {}), ...headers },
      body: verb === 'GET' || verb === 'HEAD' ? '' : payload,
      transport: via,
    }));
}

/** The request as a shell command (body in base64, so every byte survives). */
export function toCurl(baseUrl: string, request: FuzzRequest): string {
  const headers = Object.entries(request.headers)
    .map(
      ([name, value]) =>
        `-H ${JSON.stringify(`${name}: ${value.length > 200 ? `${value.slice(0, 200)}…(${value.length} chars)` : value}`)}`,
    )
    .join(' ');
  if (request.body.length > 4096)
    return `(a ${request.body.length}-byte ${request.kind} body: see the results JSON) ${request.method} ${request.target}`;
  const body = request.body ? `echo ${Buffer.from(request.body).toString('base64')} | base64 -d | ` : '';
  return `${body}curl -si -X ${request.method} ${JSON.stringify(`${baseUrl}${request.target}`)} ${headers}${request.body ? ' --data-binary @-' : ''}`;
}

const basic = (id: string, secret: string) => `Basic ${b64(`${id}:${secret}`)}`;

/**
 * The requests that once answered 500 (issue 14), sent first in every run: HTTP Basic credentials
 * with broken percent-encoding at each endpoint that authenticates clients, and clock moves past
 * the valid date range followed by the requests that then failed.
 */
export function knownCases(): FuzzRequest[] {
  const json = { 'content-type': 'application/json' };
  const post = (target: string, body: object, headers: Record<string, string> = {}): FuzzRequest => ({
    kind: 'known case',
    method: 'POST',
    target,
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
    transport: 'http',
  });
  const credentials = [
    basic('%zz', 'x'),
    basic('pwl-web', '%'),
    basic('%E2%82', 'y'),
    basic('pwl-web', '%E2%82%AC%'),
  ];
  const authenticating = [
    ['/passwordless/start', { connection: 'email', email: 'alice@example.com', send: 'code' }],
    ['/oauth/token', { grant_type: 'refresh_token', refresh_token: 'x' }],
    ['/mfa/challenge', { mfa_token: 'x' }],
    ['/oauth/revoke', { token: 'x' }],
  ] as const;
  return [
    ...authenticating.flatMap(([target, body]) =>
      credentials.map((authorization) => post(target, body, { authorization })),
    ),
    ...[1e300, 9007199254740991, 3e9, -1e15].flatMap((advanceSeconds) => [
      post('/__dev/clock', { advanceSeconds }),
      post('/passwordless/start', {
        client_id: 'pwl-native',
        connection: 'email',
        email: 'alice@example.com',
        send: 'code',
      }),
      post('/__dev/reset', {}),
    ]),
  ];
}
