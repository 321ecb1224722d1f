import type { Clock } from './clock.ts';
import { messageId } from './ids.ts';

export type OutboxChannel = 'email' | 'sms' | 'voice' | 'push';
export type OutboxPurpose = 'passwordless-code' | 'magic-link' | 'mfa-challenge' | 'mfa-enrollment';

export interface OutboxMessage {
  id: string;
  to: string;
  channel: OutboxChannel;
  purpose: OutboxPurpose;
  clientId: string;
  /** The one-time code (passwordless code, or the MFA binding code). */
  code?: string;
  /** The magic link to follow. */
  link?: string;
  /** Push only: what the emulated device would show, and what the person chose. */
  push?: { status: 'pending' | 'approved' | 'rejected' };
  /** `x-request-language` (or `accept-language`) of the request that sent it. */
  language?: string;
  /** ISO-8601. */
  sentAt: string;
}

/** Where e-mails, SMS and push notifications land instead of being delivered. */
export class Outbox {
  private readonly messages: OutboxMessage[] = [];
  private readonly clock: Clock;
  private readonly log: (line: string) => void;

  constructor(clock: Clock, log: (line: string) => void) {
    this.clock = clock;
    this.log = log;
  }

  deliver(message: Omit<OutboxMessage, 'id' | 'sentAt'>): OutboxMessage {
    const stored: OutboxMessage = {
      id: messageId(),
      sentAt: new Date(this.clock.now()).toISOString(),
      ...message,
    };
    this.messages.push(stored);
    this.log(describe(stored));
    return stored;
  }

  /** Newest last; `to` matches case-insensitively. */
  list(to?: string): OutboxMessage[] {
    if (!to) return [...this.messages];
    const wanted = to.trim().toLowerCase();
    return this.messages.filter((message) => message.to.toLowerCase() === wanted);
  }

  get(id: string): OutboxMessage | undefined {
    return this.messages.find((message) => message.id === id);
  }

  clear(): void {
    this.messages.length = 0;
  }
}

function describe(message: OutboxMessage): string {
  const what =
    message.link !== undefined
      ? `magic link ${message.link}`
      : message.code !== undefined
        ? `code ${message.code}`
        : `push notification (approve: POST /__dev/push/${message.id}/approve)`;
  return `[outbox] ${message.channel} to ${message.to} (${message.purpose}): ${what}`;
}
