import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createInspectionLog } from '../../src/privacy/inspection-log.ts';
import { chart, settle, T0 } from './harness.ts';

describe('createInspectionLog', () => {
  it('keeps a redacted, timestamped line per root event, without the clock ticks', async () => {
    let time = T0;
    const log = createInspectionLog({ limit: 3, now: () => time });
    let notified = 0;
    log.subscribe(() => (notified += 1));
    const machine = chart().actor.logic;
    const actor = createActor(machine, {
      input: { clientId: 'c', domain: 'd.test' },
      inspect: log.inspect,
    }).start();
    actor.send({ type: 'TICK', now: T0 });
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'a@b.co' });
    await settle();
    time += 1000;
    actor.send({ type: 'SUBMIT_CODE', otp: '123456' });
    await settle();
    const entries = log.entries();
    expect(entries.map((entry) => entry.eventType)).toEqual([
      'xstate.done.actor.startPasswordless',
      'SUBMIT_CODE',
      'xstate.done.actor.exchangeOtp',
    ]);
    expect(entries[1]).toMatchObject({
      at: T0 + 1000,
      event: { type: 'SUBMIT_CODE', otp: '[redacted]' },
      value: { verifying: 'code' },
    });
    expect(JSON.stringify(entries)).not.toContain('123456');
    expect(notified).toBeGreaterThanOrEqual(4);
    log.clear();
    expect(log.entries()).toEqual([]);
  });
});
