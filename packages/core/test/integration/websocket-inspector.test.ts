import {
  createWebSocketInspector,
  createWebSocketReceiver,
  type StatelyInspectionEvent,
} from '@statelyai/inspect';
import { createInspectorServer } from '@statelyai/inspect/server';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { latest, startFlow } from './helpers.ts';

describe("Stately's WebSocket inspector for flows that run in Node", () => {
  it('relays the login to a receiver, with every secret redacted', async () => {
    const port = await freePort();
    const server = createInspectorServer({ port, autoOpen: false });
    const received: StatelyInspectionEvent[] = [];
    const receiver = createWebSocketReceiver({ server: `ws://127.0.0.1:${port}` });
    receiver.subscribe((event) => void received.push(event));
    const inspector = createWebSocketInspector({ url: `ws://127.0.0.1:${port}` });
    try {
      const email = `ws-${Math.random().toString(36).slice(2, 8)}@example.com`;
      const flow = startFlow({ inspect: inspector.inspect });
      flow.actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: email });
      await flow.until('code');
      const code = (await latest(email)).code ?? '';
      flow.actor.send({ type: 'SUBMIT_CODE', otp: code });
      await flow.until('authenticated');
      const tokens = flow.actor.getSnapshot().context.session?.tokens;
      await expectEventually(() =>
        received.some((event) => JSON.stringify(event).includes('"authenticated"')),
      );
      const dump = JSON.stringify(received);
      expect(dump).toContain('SUBMIT_CODE');
      for (const secret of [code, tokens?.accessToken, tokens?.idToken, tokens?.refreshToken]) {
        expect(dump).not.toContain(secret);
      }
      flow.actor.stop();
    } finally {
      inspector.stop();
      server.stop();
    }
  });
});

async function expectEventually(check: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The inspector server takes a fixed port; ask the OS for one that is free. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
