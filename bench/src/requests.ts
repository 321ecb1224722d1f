// Requests per flow, counted by the client's own `fetch` (the chart's `fetch` option), next to the
// protocol's minimum. Each flow runs twice in one process and the second run is reported: a key
// set cached by an earlier login would not be fetched again in a real app either.
import {
  createPasswordlessActions,
  createPasswordlessActor,
  waitForStep,
  type PasswordlessActorRef,
} from '@passwordless-xstate/core';
import { generateTotp } from '@passwordless-xstate/emulator';
import {
  createCountingFetch,
  describeRequest,
  type CountingFetch,
  type RecordedRequest,
} from './counting-fetch.ts';
import { latestCode, latestMessage, NATIVE_CLIENT, resetEmulator, TOTP_USER } from './emulator-http.ts';

export interface FlowRequests {
  flow: string;
  /** Requests of the second run (warm). */
  requests: RecordedRequest[];
  /** Requests of the first run in this process. */
  firstRun: number;
  /** Requests of the second run other than the key set (JWKS): what the issue counts per flow. */
  protocolRequests: number;
  /** Whether the second run fetched the key set again (a new actor does not reuse the first's). */
  jwksRefetched: boolean;
  minimum: number;
  minimumCalls: string;
}

interface FlowDefinition {
  flow: string;
  minimumCalls: string[];
  run(baseUrl: string, actor: PasswordlessActorRef): Promise<void>;
  options?: { redirectUri: string };
}

const codeFirst = async (baseUrl: string, actor: PasswordlessActorRef, email: string) => {
  const actions = createPasswordlessActions(actor.send);
  actions.submitIdentifier(email);
  await waitForStep(actor, 'code');
  actions.submitCode(await latestCode(baseUrl, email));
  return actions;
};

const flows: FlowDefinition[] = [
  {
    flow: 'e-mail code',
    minimumCalls: ['POST /passwordless/start', 'POST /oauth/token (passwordless/otp)'],
    async run(baseUrl, actor) {
      await codeFirst(baseUrl, actor, 'alice@example.com');
      await waitForStep(actor, 'authenticated');
    },
  },
  {
    flow: 'e-mail code + MFA OTP',
    minimumCalls: [
      'POST /passwordless/start',
      'POST /oauth/token (→ 403 mfa_required)',
      'POST /oauth/token (mfa-otp)',
    ],
    async run(baseUrl, actor) {
      const actions = await codeFirst(baseUrl, actor, TOTP_USER.email);
      await waitForStep(actor, 'mfa_otp');
      actions.submitMfaCode(generateTotp(TOTP_USER.secret));
      await waitForStep(actor, 'authenticated');
    },
  },
  {
    flow: 'e-mail code + SMS OOB',
    minimumCalls: [
      'POST /passwordless/start',
      'POST /oauth/token (→ 403 mfa_required)',
      'POST /mfa/challenge (oob; Auth0 picks the authenticator)',
      'POST /oauth/token (mfa-oob + binding_code)',
    ],
    async run(baseUrl, actor) {
      const actions = await codeFirst(baseUrl, actor, 'sms-mfa@example.com');
      await waitForStep(actor, 'mfa_oob');
      actions.submitMfaCode(await latestCode(baseUrl, '+15555550101'));
      await waitForStep(actor, 'authenticated');
    },
  },
  {
    flow: 'magic link',
    minimumCalls: [
      'POST /passwordless/start (send: link)',
      'POST /oauth/token (authorization_code from the callback)',
    ],
    options: { redirectUri: 'http://localhost:5173/callback' },
    async run(baseUrl, actor) {
      const email = 'alice@example.com';
      createPasswordlessActions(actor.send).submitIdentifier(email, { send: 'link' });
      await waitForStep(actor, 'link_sent');
      // The person's browser follows the e-mailed link: a navigation, not a request of the client.
      const followed = await fetch((await latestMessage(baseUrl, email)).link ?? '', { redirect: 'manual' });
      await followed.arrayBuffer();
      actor.send({ type: 'MAGIC_LINK_CALLBACK', callbackUrl: followed.headers.get('location') ?? '' });
      await waitForStep(actor, 'authenticated');
    },
  },
];

async function runOnce(
  baseUrl: string,
  definition: FlowDefinition,
  counter: CountingFetch,
): Promise<RecordedRequest[]> {
  await resetEmulator(baseUrl);
  counter.reset();
  const actor = createPasswordlessActor({
    baseUrl,
    clientId: NATIVE_CLIENT,
    fetch: counter.fetch,
    ...definition.options,
  }).start();
  try {
    await definition.run(baseUrl, actor);
  } finally {
    actor.stop();
  }
  return [...counter.requests];
}

const JWKS_PATH = '/.well-known/jwks.json';

export async function measureRequests(baseUrl: string): Promise<FlowRequests[]> {
  const results: FlowRequests[] = [];
  for (const definition of flows) {
    const counter = createCountingFetch();
    const first = await runOnce(baseUrl, definition, counter);
    const warm = await runOnce(baseUrl, definition, counter);
    results.push({
      flow: definition.flow,
      requests: warm,
      firstRun: first.length,
      protocolRequests: warm.filter((request) => request.path !== JWKS_PATH).length,
      jwksRefetched: warm.some((request) => request.path === JWKS_PATH),
      minimum: definition.minimumCalls.length,
      minimumCalls: definition.minimumCalls.join(', '),
    });
  }
  return results;
}

export const listRequests = (requests: RecordedRequest[]) => requests.map(describeRequest).join(', ');
