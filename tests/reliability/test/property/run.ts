import {
  createMemoryStorage,
  createPasswordlessActions,
  type PasswordlessEvent,
  type PasswordlessSnapshot,
} from '@passwordless-xstate/core';
import { generateTotp } from '@passwordless-xstate/emulator';
import type { InspectionEvent } from 'xstate';
import { CLIENT_SECRET, followMagicLink, startFlow, type Flow, type Lane } from '../support/lane.ts';
import { ACTIONS, type Act, type Command, type RunSetup } from './arbitraries.ts';
import { canMismatches, createEscapeCheck, inFlight, leaks, serialise } from './invariants.ts';
import { SEEDED_SECRETS } from './users.ts';

const REDIRECT_URI = 'http://localhost:5173/callback';
const ENROLL_PHONE = '+15555550177';
const everyRequest = () => true;

/** One random run: a flow driven by commands, its invariants checked after each. */
export class PropertyRun {
  readonly storage = createMemoryStorage();
  /** Long secrets (tokens, `mfa_token`, codes of links) and short ones (codes), as seen in the live flow. */
  readonly secrets = new Set<string>([CLIENT_SECRET, ...SEEDED_SECRETS]);
  steps = 0;
  maxForeground = 0;
  backgroundOverlaps = 0;
  private flow!: Flow;
  private inspected: string[] = [];
  private readonly escape: ReturnType<typeof createEscapeCheck>;
  private readonly clientId: string;

  constructor(
    private readonly lane: Lane,
    private readonly setup: RunSetup,
  ) {
    this.clientId = setup.confidential ? 'pwl-web' : 'pwl-native';
    this.escape = createEscapeCheck(lane, this.clientId);
  }

  async start() {
    this.flow = startFlow(this.lane, {
      clientId: this.clientId,
      ...(this.setup.confidential ? { clientSecret: CLIENT_SECRET } : {}),
      redirectUri: REDIRECT_URI,
      persist: { storage: this.storage, includeSecrets: this.setup.includeSecrets },
      inspect: (event: InspectionEvent) => this.inspected.push(serialise(inspectionView(event))),
    });
    this.flow.actor.subscribe((snapshot) => this.watch(snapshot));
    await this.flow.settle();
  }

  stop() {
    this.flow.stop();
  }

  private watch(snapshot: PasswordlessSnapshot) {
    if (snapshot.status !== 'active') return;
    const { foreground, background } = inFlight(snapshot);
    this.maxForeground = Math.max(this.maxForeground, foreground);
    if (foreground > 0 && background > 0) this.backgroundOverlaps += 1;
    this.remember(snapshot);
  }

  private remember(snapshot: PasswordlessSnapshot) {
    const { session, mfa, newRecoveryCode, device } = snapshot.context;
    for (const value of [
      session?.tokens.accessToken,
      session?.tokens.idToken,
      session?.tokens.refreshToken,
      mfa?.mfaToken,
      mfa?.challenge?.oobCode,
      mfa?.enrollment?.oobCode,
      mfa?.enrollment?.secret,
      ...(mfa?.enrollment?.recoveryCodes ?? []),
      newRecoveryCode,
      device.pendingRevocation?.refreshToken,
    ]) {
      if (value) this.secrets.add(value);
    }
  }

  async execute(command: Command) {
    this.steps += 1;
    switch (command.kind) {
      case 'act':
        return this.act([command]);
      case 'burst':
        return this.act(command.acts);
      case 'tick':
        return this.withFault(command.fault, () => this.flow.tick(command.seconds));
      case 'reload':
        this.flow.stop();
        return this.start();
      case 'push':
        return this.decidePush(command.decision);
    }
  }

  private async act(acts: Act[]) {
    const events: Array<{ event: PasswordlessEvent; twice: boolean }> = [];
    for (const act of acts) events.push({ event: await this.eventFor(act), twice: act.twice });
    await this.withFault(acts[0]?.fault ?? null, async () => {
      for (const { event, twice } of events) {
        this.flow.send(event);
        if (twice) this.flow.send(event);
      }
      await this.flow.settle();
    });
  }

  private async withFault(fault: Act['fault'], run: () => Promise<unknown>) {
    if (fault) this.lane.proxy.arm(everyRequest, fault);
    try {
      await run();
    } finally {
      this.lane.proxy.lift();
    }
  }

  private async decidePush(decision: 'approve' | 'reject') {
    const pending = this.lane.emulator.outbox().findLast((message) => message.push?.status === 'pending');
    if (!pending) return;
    await fetch(`${this.lane.emulator.url}/__dev/push/${pending.id}/${decision}`, { method: 'POST' });
  }

  /** The event the person sends: with the value they were given, a wrong one, or junk. */
  private async eventFor(act: Act): Promise<PasswordlessEvent> {
    let sent: PasswordlessEvent | undefined;
    const actions = createPasswordlessActions((event) => (sent = event));
    const { user } = this.setup;
    const view = this.flow.view();
    const offered = ACTIONS.filter((name) => view.can[name]);
    const action =
      act.action === 'offered' ? (offered[act.pick % Math.max(1, offered.length)] ?? 'cancel') : act.action;
    const right = act.aim === 'right';
    const newestCode = this.lane.emulator.outbox().findLast((message) => message.code)?.code ?? '000000';
    for (const message of this.lane.emulator.outbox()) if (message.code) this.secrets.add(message.code);
    switch (action) {
      case 'submitIdentifier': {
        const identifier = right ? user.identifier : act.aim === 'wrong' ? 'someone@' : '\u0000<x>';
        const send = user.connection === 'email' ? this.setup.send : 'code';
        actions.submitIdentifier(identifier, { connection: user.connection, send });
        break;
      }
      case 'submitCode':
        actions.submitCode(right ? newestCode : act.aim === 'wrong' ? '000000' : 'abc');
        break;
      case 'handleMagicLinkCallback':
        actions.handleMagicLinkCallback(await this.callbackUrl(act));
        break;
      case 'selectAuthenticator': {
        const authenticators = view.mfa?.authenticators ?? [];
        const id = authenticators[act.pick % Math.max(1, authenticators.length)]?.id;
        actions.selectAuthenticator(right && id ? id : act.aim === 'wrong' ? 'totp|dev_nope' : '');
        break;
      }
      case 'enroll': {
        const factor = (['otp', 'sms', 'email', 'push'] as const)[act.pick % 4] ?? 'otp';
        if (act.aim === 'junk') actions.enroll('fax' as never);
        else actions.enroll(factor, factor === 'sms' && right ? { phoneNumber: ENROLL_PHONE } : {});
        break;
      }
      case 'submitMfaCode': {
        const secret = view.mfa?.enrollment?.secret ?? user.totpSecret;
        const otp =
          view.mfa?.challenge === 'otp' && secret ? generateTotp(secret, this.lane.clock.now()) : newestCode;
        if (right) this.secrets.add(otp);
        actions.submitMfaCode(right ? otp : act.aim === 'wrong' ? '000000' : '12');
        break;
      }
      case 'submitRecoveryCode':
        actions.submitRecoveryCode(
          right
            ? (user.recoveryCode ?? 'NORECOVERYCODE01')
            : act.aim === 'wrong'
              ? 'WRONGRECOVERY0001'
              : '!!',
        );
        break;
      default:
        (actions[action] as () => void)();
    }
    if (!sent) throw new Error(`${action} sent nothing`);
    return sent;
  }

  private async callbackUrl(act: Act): Promise<string> {
    const hasLink = this.lane.emulator.outbox(this.setup.user.identifier).some((message) => message.link);
    if (act.aim === 'junk' || !hasLink) return 'not a url';
    const url = await followMagicLink(this.lane, this.setup.user.identifier);
    const code = new URL(url).searchParams.get('code');
    if (code) this.secrets.add(code);
    return act.aim === 'right' ? url : url.replace(/state=[^&]+/, 'state=forged');
  }

  /** Every invariant at a settled point; the list of broken ones (empty when all hold). */
  async check(): Promise<string[]> {
    const broken: string[] = [];
    const snapshot = this.flow.snapshot();
    if (snapshot.status !== 'active') return [`the flow stopped (${snapshot.status})`];
    this.remember(snapshot);
    if (this.maxForeground > 1) broken.push(`${this.maxForeground} requests in flight at once`);
    broken.push(...canMismatches(snapshot).map((mismatch) => `view.can ≠ snapshot.can: ${mismatch}`));
    const inspectedLeaks = leaks(this.inspected.join('\n'), this.secrets);
    if (inspectedLeaks.length > 0)
      broken.push(`secrets in redacted inspection: ${inspectedLeaks.join(', ')}`);
    this.inspected = [];
    if (!this.setup.includeSecrets) {
      const storedLeaks = leaks([...this.storage.data.values()].join('\n'), this.secrets);
      if (storedLeaks.length > 0) broken.push(`secrets in the stored snapshot: ${storedLeaks.join(', ')}`);
    }
    const path = await this.escape(this.flow.actor.getPersistedSnapshot());
    if (path === null) broken.push(`no way back to identify from ${JSON.stringify(snapshot.value)}`);
    return broken;
  }

  state(): string {
    return JSON.stringify(this.flow.snapshot().value);
  }
}

/** What a devtools panel keeps of an inspection event: the event, and the snapshot it can read then. */
const inspectionView = (event: InspectionEvent): unknown =>
  event.type === '@xstate.snapshot' ? { event, current: event.actorRef.getSnapshot() } : event;
