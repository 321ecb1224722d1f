import { generateTotp } from '@passwordless-xstate/emulator';
import { inject } from 'vitest';
import { createActor, fromCallback, waitFor } from 'xstate';
import { createPasswordlessMachine, type PasswordlessOptions } from '../../src/machine/create.ts';
import { redactInspection } from '../../src/privacy/inspect.ts';
import {
  getPasswordlessView,
  type PasswordlessSnapshot,
  type PasswordlessStep,
} from '../../src/machine/view.ts';

export const emulatorUrl = () => inject('emulatorUrl');

export interface OutboxMessage {
  id: string;
  to: string;
  code?: string;
  link?: string;
  push?: { status: string };
}

export async function outbox(to: string, url = emulatorUrl()): Promise<OutboxMessage[]> {
  const response = await fetch(`${url}/__dev/outbox?to=${encodeURIComponent(to)}`);
  return (await response.json()) as OutboxMessage[];
}

export async function latest(to: string, url = emulatorUrl()): Promise<OutboxMessage> {
  const messages = await outbox(to, url);
  const message = messages.at(-1);
  if (!message) throw new Error(`Nothing in the outbox for ${to}`);
  return message;
}

export const totp = (secret: string) => generateTotp(secret);

/**
 * The real chart and the real Auth0 client against the emulator. With `manualTime`, the ticker is
 * swapped out and the test sends TICK itself (push polling without waiting seconds).
 */
export function startFlow(options: Partial<PasswordlessOptions> & { manualTime?: boolean } = {}) {
  const { manualTime, inspect, ...rest } = options;
  let machine = createPasswordlessMachine({ clientId: 'pwl-native', baseUrl: emulatorUrl(), ...rest });
  if (manualTime) machine = machine.provide({ actors: { ticker: fromCallback(() => {}) } });
  const actor = createActor(machine, {
    input: { clientId: 'pwl-native', baseUrl: emulatorUrl(), ...stripClient(rest) },
    ...(inspect ? { inspect: redactInspection(inspect) } : {}),
  });
  actor.start();
  const until = (step: PasswordlessStep | ((snapshot: PasswordlessSnapshot) => boolean)) =>
    waitFor(
      actor,
      typeof step === 'function' ? step : (snapshot) => getPasswordlessView(snapshot).step === step,
      { timeout: 5000 },
    );
  return { actor, until, view: () => getPasswordlessView(actor.getSnapshot()) };
}

function stripClient(options: Partial<PasswordlessOptions>) {
  const {
    clientSecret: _secret,
    fetch: _fetch,
    telemetry: _telemetry,
    dangerouslyAllowSecretInBrowser: _allow,
    ...input
  } = options;
  return input;
}

export async function advanceEmulatorClock(seconds: number, url = emulatorUrl()) {
  await fetch(`${url}/__dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
}
