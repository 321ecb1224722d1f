import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor, type Snapshot } from 'xstate';
import { readmeWithDiagram } from '../scripts/readme-diagram.ts';
import { mermaidStateId, toMermaid } from '../src/diagram/to-mermaid.ts';
import { passwordlessMachine } from '../src/machine/machine.ts';
import { stateValuePaths } from '../src/machine/view.ts';

function sentActor() {
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
  return actor;
}

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
    const actor = sentActor();
    const diagram = toMermaid(passwordlessMachine, { active: actor.getSnapshot() });
    expect(diagram).toContain('class identify__submitting active');
    expect(diagram).toContain('class identify activeParent');
    actor.stop();
  });

  it('highlights a parallel configuration from a persisted snapshot (plain JSON, public fields only)', async () => {
    const actor = sentActor();
    await waitFor(actor, (snapshot) => snapshot.matches('sent'));
    const stored: unknown = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
    const diagram = toMermaid(passwordlessMachine, { active: stored as Snapshot<unknown> });
    expect(diagram).toContain('class sent__code__valid,sent__resend__cooling active');
    expect(diagram).toContain('class sent,sent__code,sent__resend activeParent');
    actor.stop();
  });

  it('focus expands one top-level state and draws the others as single boxes', () => {
    const diagram = toMermaid(passwordlessMachine, { hideEvents: ['TICK'], focus: 'sent' });
    const full = toMermaid(passwordlessMachine, { hideEvents: ['TICK'] });
    expect(diagram).toContain('state "code" as sent__code {');
    expect(diagram).toContain('state "challenge" as challenge\n');
    expect(diagram).toContain('state "identify" as identify\n');
    expect(diagram).not.toMatch(/challenge__|identify__|mfa_required__|authenticated__/);
    // Into and out of the focused state, from and to the collapsed boxes: one edge per pair of
    // boxes, its labels one per line.
    expect(diagram).toMatch(
      /\n {2}sent__code__valid --> verifying: [^\n]*SUBMIT_CODE \[and\(sendsCode, otpLooksValid\)\]/,
    );
    expect(diagram).toMatch(/\n {2}verifying --> sent: [^\n]*CANCEL<br\/>/);
    const edges = diagram.split('\n').filter((line) => line.includes('-->'));
    const pairs = edges.map((line) => line.slice(0, line.indexOf(':')));
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(edges.length).toBeLessThan(full.split('\n').filter((line) => line.includes('-->')).length / 2);
  });

  it('focus: true expands the top-level state the active snapshot is in, and highlights it', async () => {
    const actor = sentActor();
    await waitFor(actor, (snapshot) => snapshot.matches('sent'));
    const diagram = toMermaid(passwordlessMachine, { active: actor.getSnapshot(), focus: true });
    expect(diagram).toContain('state "sent" as sent {');
    expect(diagram).toContain('state "verifying" as verifying\n');
    expect(diagram).toContain('class sent__code__valid,sent__resend__cooling active');
    // A collapsed state that holds the active configuration is itself the highlighted box.
    const elsewhere = toMermaid(passwordlessMachine, { active: actor.getSnapshot(), focus: 'identify' });
    expect(elsewhere).toContain('class sent active');
    expect(elsewhere).not.toContain('activeParent');
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

describe('mermaidStateId', () => {
  it('is the id each state has in the drawing, so a UI can find it', () => {
    const diagram = toMermaid(passwordlessMachine, { hideEvents: ['TICK'] });
    for (const path of [['identify'], ['sent', 'code', 'valid'], ['challenge', 'push', 'waiting']]) {
      expect(diagram).toContain(`state "${path.at(-1)}" as ${mermaidStateId(path)}`);
    }
    expect(mermaidStateId([])).toBe('root');
  });
});
