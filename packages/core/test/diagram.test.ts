import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise } from 'xstate';
import { readmeWithDiagram } from '../scripts/readme-diagram.ts';
import { toMermaid } from '../src/diagram/to-mermaid.ts';
import { passwordlessMachine } from '../src/machine/machine.ts';
import { stateValuePaths } from '../src/machine/view.ts';

describe('toMermaid', () => {
  it('draws nested and parallel states with labelled transitions', () => {
    const diagram = toMermaid(passwordlessMachine, { hideEvents: ['TICK'] });
    expect(diagram.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(diagram).toContain('state "code" as sent__code {');
    expect(diagram).toMatch(/state "sent" as sent \{[\s\S]*\n {4}--\n[\s\S]*state "resend"/);
    expect(diagram).toContain(
      'identify__editing --> identify__submitting: SUBMIT_IDENTIFIER [identifierIsValid]',
    );
    expect(diagram).toContain('verifying__code --> mfa_required: exchangeOtp failed [errorIs]');
    expect(diagram).toContain('sent__code__valid --> verifying: SUBMIT_CODE [and(sendsCode, otpLooksValid)]');
    expect(diagram).not.toContain('TICK');
    expect(diagram).not.toContain('classDef active');
  });

  it('highlights the active configuration', () => {
    const actor = createActor(
      passwordlessMachine.provide({
        actors: {
          ticker: fromCallback(() => {}),
          startPasswordless: fromPromise(async () => ({ sentAt: Date.now() })),
        },
      }),
      { input: { clientId: 'c', domain: 'd.test' } },
    ).start();
    actor.send({ type: 'SUBMIT_IDENTIFIER', identifier: 'a@b.co' });
    const diagram = toMermaid(passwordlessMachine, { active: actor.getSnapshot() });
    expect(diagram).toContain('class identify__submitting active');
    expect(diagram).toContain('class identify activeParent');
    actor.stop();
  });
});

describe('stateValuePaths', () => {
  it('lists one dotted path per active leaf', () => {
    expect(stateValuePaths({ sent: { code: 'valid', resend: 'cooling' } })).toEqual([
      'sent.code.valid',
      'sent.resend.cooling',
    ]);
    expect(stateValuePaths('identify')).toEqual(['identify']);
  });
});

describe('the core README', () => {
  it('shows the current chart (run `pnpm diagram` after changing the machine)', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readmeWithDiagram(readme)).toBe(readme);
  });
});
