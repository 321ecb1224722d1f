import type { Connection, PasswordlessView, SendMode } from '@passwordless-xstate/core';

type Notice = NonNullable<PasswordlessView['notice']>;

/**
 * The demos' words, written once so the React and Vue demos say exactly the same thing (the e2e
 * suite holds both to these texts).
 */
export const copy = {
  identify: {
    title: 'Sign in to Acme Cloud',
    lead: 'No password needed: we send you a one-time code.',
    connectionLegend: 'Sign in with',
    email: 'Email',
    sms: 'SMS',
    sendLegend: 'Send me',
    sendCode: 'A code',
    sendLink: 'A magic link',
    label: (connection: Connection) => (connection === 'email' ? 'Email address' : 'Phone number'),
    placeholder: (connection: Connection) => (connection === 'email' ? 'you@example.com' : '+15555550100'),
    phoneHint: 'International format, starting with + and the country code.',
    submit: (send: SendMode) => (send === 'link' ? 'Send magic link' : 'Send code'),
    busy: 'Sending…',
  },
  /** Why the identify step is back, prefilled; read out politely (it is news, not an error). */
  notice: {
    flow_interrupted: 'Your sign-in was interrupted by the reload. Enter your address to get a new code.',
    session_ended: 'You were signed out when the page reloaded.',
    link_opened_elsewhere:
      'You opened the sign-in link in another tab; continue there, or sign in here again.',
  } satisfies Record<Notice, string>,
  code: {
    title: (connection: Connection) => (connection === 'email' ? 'Check your email' : 'Check your phone'),
    leadBefore: 'We sent a 6-digit code to ',
    leadAfter: '.',
    label: 'One-time code',
    expiresIn: (clock: string) => `Expires in ${clock}`,
    attemptsLeft: (left: number) => ` · ${left} ${left === 1 ? 'attempt' : 'attempts'} left`,
    expired: 'This code has expired. Request a new one below.',
    tooManyAttempts: 'Too many wrong attempts. Request a new code below.',
    resent: 'Only the newest code works.',
    submit: 'Verify',
    busy: 'Verifying…',
  },
  resend: {
    wait: (what: string, clock: string) => `You can request a new ${what} in ${clock}.`,
    idle: (what: string) => `Didn't get it? Check your spam folder or request a new ${what}.`,
    onItsWay: (what: string) => `A new ${what} is on its way.`,
    button: (what: string) => `Resend ${what}`,
    busy: 'Sending…',
    changeIdentifier: (connection: Connection) =>
      connection === 'email' ? 'Use a different email' : 'Use a different number',
  },
  linkSent: {
    title: 'Check your email',
    leadBefore: 'We sent a sign-in link to ',
    leadAfter: '. Open it in this browser to continue.',
    expired: 'This link has expired. Request a new one.',
    worksFor: (clock: string) => `The link works for ${clock} more.`,
  },
  waiting: {
    mfaLoading: { title: 'One more step', text: 'Loading your verification methods…' },
    signingOut: { title: 'Signing out', text: 'Ending your session…' },
  },
  mfaChoose: { title: "Verify it's you", lead: 'Choose how to confirm your sign-in.' },
  mfaFailed: {
    title: "We couldn't continue",
    lead: 'The verification step did not go through.',
    retry: 'Try again',
    startOver: 'Start over',
  },
  /** The ways out of an MFA step. */
  mfaLinks: {
    back: (enrolling: boolean) => (enrolling ? 'Choose another method' : 'Try another method'),
    recoveryCode: 'Use a recovery code',
    cancel: 'Cancel sign-in',
  },
  mfaPush: {
    title: (rejected: boolean) => (rejected ? 'Sign-in rejected' : 'Approve on your phone'),
    rejected: 'The request was declined on your device.',
    sent: (device: string | undefined) =>
      `We sent a notification to ${device ?? 'your phone'}. Open it and tap Approve.`,
    checking: 'Checking for your approval…',
    waiting: (seconds: number) => `Waiting for approval · next check in ${seconds} s`,
    checks: (polls: number) => `${polls} ${polls === 1 ? 'check' : 'checks'} so far`,
    retry: 'Try again',
  },
  mfaRecovery: {
    title: 'Use a recovery code',
    lead: 'Enter the recovery code you saved when you set up your account.',
    label: 'Recovery code',
  },
  mfaCode: {
    label: 'Authentication code',
    enrollOtp: {
      title: 'Set up your authenticator app',
      lead: 'Scan the code, then enter the 6 digits the app shows.',
    },
    otp: {
      title: 'Enter your authenticator code',
      lead: 'Open your authenticator app and enter the 6-digit code.',
    },
    sentTitle: 'Enter the code we sent',
    sentLead: (by: string, target: string | undefined) =>
      `We sent a 6-digit code by ${by}${target ? ` to ${target}` : ''}.`,
    resend: 'Send a new code',
  },
} as const;
