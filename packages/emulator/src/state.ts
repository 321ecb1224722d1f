import { BucketSet } from './bucket.ts';
import type { AdjustableClock, Clock } from './clock.ts';
import type { ClientConfig, EmulatorConfig, UserConfig } from './config.ts';
import { Outbox } from './outbox.ts';
import type { SigningKeys } from './keys.ts';
import { createUserRecord, normalizeIdentifier, type UserRecord } from './users.ts';

export interface PendingCode {
  connection: 'email' | 'sms';
  identifier: string;
  clientId: string;
  code: string;
  expiresAt: number;
  failedAttempts: number;
  send: 'code' | 'link';
  authParams: Record<string, string>;
}

/** What a primary login left for the MFA step, keyed by `mfa_token`. */
export interface MfaTransaction {
  userId: string;
  clientId: string;
  audience?: string;
  scope: string;
  nonce?: string;
  allowRefresh: boolean;
  expiresAt: number;
}

export interface OobTransaction {
  mfaToken: string;
  userId: string;
  authenticatorId: string;
  kind: 'binding' | 'push';
  bindingCode?: string;
  outboxMessageId: string;
  expiresAt: number;
  lastPollAt?: number;
  /** Set on enrolment: confirming the code activates the authenticator. */
  enrollment: boolean;
}

export interface RefreshTokenRecord {
  userId: string;
  clientId: string;
  scope: string;
  audience?: string;
  /** The login session the token belongs to (`sid` in the ID tokens it yields). */
  sid?: string;
  /** The first refresh token of the grant; every token rotated out of it shares this family. */
  family: string;
  /** When rotation spent this token; presenting it again is reuse. */
  rotatedAt?: number;
}

export interface AuthorizationCodeRecord {
  userId: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  audience?: string;
  nonce?: string;
  /** PKCE (RFC 7636): the exchange must present the verifier of this challenge. */
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  /** `/authorize` codes may yield a refresh token; magic-link codes never do. */
  allowRefresh: boolean;
  expiresAt: number;
}

/** `/co/authenticate` proved the user; `/authorize?login_ticket=…` finishes the login once. */
export interface LoginTicket {
  userId: string;
  clientId: string;
  expiresAt: number;
}

/** An `/authorize` request waiting on the hosted login page, keyed by its `state` handle. */
export interface HostedLogin {
  query: string;
  connection?: 'email' | 'sms';
  identifier?: string;
  expiresAt: number;
}

/** Everything the emulator remembers; `reset()` returns it to the seed. */
export class EmulatorState {
  readonly config: EmulatorConfig;
  readonly clock: AdjustableClock | Clock;
  readonly keys: SigningKeys;
  readonly outbox: Outbox;
  readonly log: (line: string) => void;
  issuer: string;

  users = new Map<string, UserRecord>();
  pendingCodes = new Map<string, PendingCode>();
  mfaTransactions = new Map<string, MfaTransaction>();
  oobTransactions = new Map<string, OobTransaction>();
  /** Live and spent refresh tokens; spent ones stay so that their reuse can be detected. */
  refreshTokens = new Map<string, RefreshTokenRecord>();
  /** Per family, the token spent last: the only one the rotation overlap period lets through again. */
  lastRotatedRefreshToken = new Map<string, string>();
  authorizationCodes = new Map<string, AuthorizationCodeRecord>();
  loginTickets = new Map<string, LoginTicket>();
  hostedLogins = new Map<string, HostedLogin>();
  startLimits: BucketSet;
  userinfoLimits: BucketSet;
  tokenLimits: BucketSet;
  mfaOobLimits: BucketSet;
  mfaFailures: BucketSet;
  smsSends: BucketSet;

  constructor(options: {
    config: EmulatorConfig;
    clock: AdjustableClock | Clock;
    keys: SigningKeys;
    issuer: string;
    log: (line: string) => void;
  }) {
    this.config = options.config;
    this.clock = options.clock;
    this.keys = options.keys;
    this.issuer = options.issuer;
    this.log = options.log;
    this.outbox = new Outbox(this.clock, this.log);
    this.startLimits = new BucketSet(this.config.limits.passwordlessStart, this.clock);
    this.userinfoLimits = new BucketSet(this.config.limits.userinfo, this.clock);
    this.tokenLimits = new BucketSet(this.config.limits.tokenEndpoint, this.clock);
    this.mfaOobLimits = new BucketSet(this.config.limits.mfaOobTokenExchange, this.clock);
    this.mfaFailures = new BucketSet(this.config.mfa.failures, this.clock);
    this.smsSends = new BucketSet(this.config.mfa.smsSends, this.clock);
    this.reset();
  }

  now(): number {
    return this.clock.now();
  }

  reset(): void {
    this.users = new Map();
    for (const seed of this.config.users) {
      const user = createUserRecord(seed, this.now(), this.listsVerifiedEmail(seed));
      this.users.set(user.userId, user);
    }
    this.pendingCodes.clear();
    this.mfaTransactions.clear();
    this.oobTransactions.clear();
    this.refreshTokens.clear();
    this.lastRotatedRefreshToken.clear();
    this.authorizationCodes.clear();
    this.loginTickets.clear();
    this.hostedLogins.clear();
    for (const buckets of [
      this.startLimits,
      this.userinfoLimits,
      this.tokenLimits,
      this.mfaOobLimits,
      this.mfaFailures,
      this.smsSends,
    ])
      buckets.clear();
    this.outbox.clear();
  }

  client(clientId: string): ClientConfig | undefined {
    return this.config.clients.find((client) => client.clientId === clientId);
  }

  findUser(connection: 'email' | 'sms', identifier: string): UserRecord | undefined {
    const wanted = normalizeIdentifier(connection, identifier);
    for (const user of this.users.values()) {
      if (user.connection !== connection) continue;
      if ((connection === 'email' ? user.email : user.phoneNumber) === wanted) return user;
    }
    return undefined;
  }

  createUser(connection: 'email' | 'sms', identifier: string): UserRecord {
    const seed =
      connection === 'email' ? { connection, email: identifier } : { connection, phoneNumber: identifier };
    const user = createUserRecord(seed, this.now(), this.listsVerifiedEmail(seed));
    this.users.set(user.userId, user);
    return user;
  }

  private listsVerifiedEmail(seed: UserConfig): boolean {
    const { mfa } = this.config;
    return (
      mfa.factors.includes('email') && (seed.verifiedEmailAuthenticator ?? mfa.verifiedEmailAuthenticator)
    );
  }

  pendingCodeKey(connection: string, identifier: string): string {
    return `${connection}:${normalizeIdentifier(connection as 'email' | 'sms', identifier)}`;
  }

  secondsFromNow(seconds: number): number {
    return this.now() + seconds * 1000;
  }
}
