import type { Authenticator } from '@passwordless-xstate/core';

/** 83 → "1:23". */
export const clock = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

export function describeAuthenticator(authenticator: Authenticator): string {
  switch (authenticator.type) {
    case 'otp':
      return 'Authenticator app';
    case 'phone':
      return `${authenticator.oobChannel === 'voice' ? 'Voice call' : 'SMS'} to ${authenticator.name ?? 'your phone'}`;
    case 'email':
      return `Email to ${authenticator.name ?? 'your inbox'}`;
    case 'push-notification':
      return `Push notification to ${authenticator.name ?? 'your phone'}`;
    default:
      return 'Recovery code';
  }
}

/** Digits only, so a pasted "123 456" or "123-456" works. */
export const digits = (value: string) => value.replace(/\D/g, '');
