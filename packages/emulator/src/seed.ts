import { defaultGrants } from './app-types.ts';
import type { ClientConfig, EmulatorConfig, UserConfig } from './config.ts';

const allGrants = defaultGrants.native;
/** Any port on loopback: dev servers move around. */
export const devOrigins = ['http://localhost:*', 'http://127.0.0.1:*'];

/**
 * The clients and users every emulator starts with unless a config file replaces them.
 * Documented in the package README; tests and demos rely on these exact values.
 */
export const defaultSeed = {
  clients: [
    {
      clientId: 'pwl-native',
      name: 'Native app (public; the demos in browser mode)',
      appType: 'native',
      tokenEndpointAuthMethod: 'none',
      grantTypes: allGrants,
      callbacks: devOrigins.map((origin) => `${origin}/*`),
      webOrigins: devOrigins,
      connections: ['email', 'sms'],
    },
    {
      clientId: 'pwl-spa',
      name: 'Single-page app (public; /co/authenticate and /authorize only)',
      appType: 'spa',
      tokenEndpointAuthMethod: 'none',
      grantTypes: defaultGrants.spa,
      callbacks: devOrigins.map((origin) => `${origin}/*`),
      webOrigins: devOrigins,
      connections: ['email', 'sms'],
      crossOriginAuthentication: true,
    },
    {
      clientId: 'pwl-web',
      name: 'Regular web app (confidential)',
      appType: 'regular_web',
      clientSecret: 'pwl-web-secret-for-local-development-only',
      tokenEndpointAuthMethod: 'client_secret_post',
      grantTypes: allGrants,
      callbacks: devOrigins.map((origin) => `${origin}/*`),
      webOrigins: [],
      connections: ['email', 'sms'],
      trustTokenEndpointIpHeader: true,
    },
    {
      clientId: 'pwl-mfa',
      name: 'App that requires MFA for everyone (public)',
      appType: 'native',
      tokenEndpointAuthMethod: 'none',
      grantTypes: allGrants,
      callbacks: devOrigins.map((origin) => `${origin}/*`),
      webOrigins: devOrigins,
      connections: ['email', 'sms'],
      requireMfa: true,
    },
  ] satisfies ClientConfig[],
  users: [
    { connection: 'email', email: 'alice@example.com', name: 'Alice Example' },
    { connection: 'sms', phoneNumber: '+15555550100', name: 'Sam Sms' },
    {
      connection: 'email',
      email: 'totp@example.com',
      name: 'Tom Totp',
      authenticators: [{ type: 'otp', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }],
      recoveryCode: 'TOTPUSERRECOVERYCODE0001',
    },
    {
      connection: 'email',
      email: 'sms-mfa@example.com',
      name: 'Sue SmsFactor',
      authenticators: [{ type: 'sms', phoneNumber: '+15555550101' }],
      recoveryCode: 'SMSMFAUSERRECOVERYCODE01',
    },
    {
      connection: 'email',
      email: 'email-mfa@example.com',
      name: 'Emma EmailFactor',
      authenticators: [{ type: 'email', email: 'email-mfa@example.com' }],
      recoveryCode: 'EMAILMFARECOVERYCODE0001',
    },
    {
      connection: 'email',
      email: 'push@example.com',
      name: 'Pat Push',
      authenticators: [{ type: 'push', deviceName: 'Pixel 9 (emulated)' }],
      recoveryCode: 'PUSHUSERRECOVERYCODE0001',
    },
    {
      connection: 'email',
      email: 'multi@example.com',
      name: 'Max Multifactor',
      authenticators: [
        { type: 'otp', secret: 'KRUGS4ZANFZSAYJAONSWG4TFOQQQ' },
        { type: 'sms', phoneNumber: '+15555550102' },
        { type: 'push', deviceName: 'iPhone 17 (emulated)' },
      ],
      recoveryCode: 'MULTIUSERRECOVERYCODE001',
    },
    {
      connection: 'email',
      email: 'recovery@example.com',
      name: 'Rita Recovery',
      authenticators: [{ type: 'otp', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }],
      recoveryCode: 'RECOVERYUSERCODE00000001',
    },
    {
      connection: 'email',
      email: 'verified@example.com',
      name: 'Vera Verified',
      verifiedEmailAuthenticator: true,
    },
    { connection: 'email', email: 'enroll@example.com', name: 'Eve Enrol', mfaEnrollRequired: true },
    { connection: 'email', email: 'blocked@example.com', name: 'Bob Blocked', blocked: true },
  ] satisfies UserConfig[],
};

export const defaultConfig: EmulatorConfig = {
  tenantName: 'Passwordless Emulator',
  allowedOrigins: [],
  clients: defaultSeed.clients,
  users: defaultSeed.users,
  connections: {
    email: { disableSignup: false, otpLength: 6, otpLifetimeSeconds: 180, maxAttempts: 3 },
    sms: { disableSignup: false, otpLength: 6, otpLifetimeSeconds: 180, maxAttempts: 3 },
  },
  mfa: {
    policy: 'per-user',
    factors: ['otp', 'sms', 'voice', 'email', 'push'],
    verifiedEmailAuthenticator: false,
    recoveryCodes: true,
    emitRequirements: true,
    emitAuthenticatorType: true,
    mfaTokenLifetimeSeconds: 600,
    oobCodeLifetimeSeconds: 300,
    bindingCodeLength: 6,
    failures: { burst: 10, refill: 1, perSeconds: 360 },
    smsSends: { burst: 10, refill: 1, perSeconds: 3600 },
    pushPollIntervalSeconds: 5,
  },
  tokens: {
    idTokenLifetimeSeconds: 36000,
    accessTokenLifetimeSeconds: 86400,
    authorizationCodeLifetimeSeconds: 60,
    refreshTokenRotation: false,
    refreshTokenRotationOverlapSeconds: 0,
    defaultScope: 'openid profile email',
  },
  limits: {
    passwordlessStart: { burst: 50, refill: 50, perSeconds: 3600 },
    userinfo: { burst: 10, refill: 5, perSeconds: 60 },
    tokenEndpoint: { burst: 30, refill: 30, perSeconds: 1 },
    mfaOobTokenExchange: { burst: 12, refill: 12, perSeconds: 60 },
    maxBodyBytes: 64 * 1024,
  },
  unconfirmed: {
    codeExpired: {
      status: 403,
      error: 'invalid_grant',
      error_description: 'The verification code has expired. Please try to login again.',
    },
    codeAttemptsExhausted: {
      status: 403,
      error: 'invalid_grant',
      error_description: "You've reached the maximum number of attempts. Please try to login again.",
    },
    rateLimited: {
      status: 429,
      error: 'too_many_requests',
      error_description:
        'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.',
    },
    sendRetryAfter: true,
    pushRejected: { status: 400, error: 'access_denied', error_description: 'MFA Authorization rejected.' },
    invalidRecoveryCode: { status: 403, error: 'invalid_grant', error_description: 'Invalid recovery code.' },
    mfaTooManyFailures: {
      status: 429,
      error: 'too_many_attempts',
      error_description: 'Too many failed MFA attempts. Please try again later.',
    },
    alreadyEnrolled: { status: 403, error: 'access_denied', error_description: 'User is already enrolled.' },
    unknownClient: { status: 401, error: 'access_denied', error_description: 'Unauthorized' },
    invalidClientCredentials: { status: 401, error: 'access_denied', error_description: 'Unauthorized' },
    invalidBearer: {
      status: 401,
      error: 'invalid_token',
      error_description: 'The access token is invalid or expired.',
    },
    magicLinkDefaultResponseType: 'token',
  },
};
