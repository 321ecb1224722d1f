export { startEmulator, type RunningEmulator, type StartEmulatorOptions } from './server.ts';
export { createEmulatorApp } from './app.ts';
export { EmulatorState } from './state.ts';
export { createManualClock, createSystemClock, type AdjustableClock, type Clock } from './clock.ts';
export { defaultConfig, defaultSeed } from './seed.ts';
export { generateTotp } from './totp.ts';
export { createSelfSignedCertificate, type SelfSignedCertificateOptions } from './x509.ts';
export { resolveConfig, resolveClient, loadConfigFile, unlimitedRates } from './resolve-config.ts';
export {
  GRANT,
  type AppType,
  type BucketConfig,
  type ClientConfig,
  type ClientInput,
  type ConnectionConfig,
  type EmulatorConfig,
  type EmulatorConfigInput,
  type ErrorSpec,
  type GrantType,
  type LimitsConfig,
  type MfaConfig,
  type MfaFactor,
  type SeedAuthenticator,
  type TokenConfig,
  type TokenEndpointAuthMethod,
  type UnconfirmedConfig,
  type UserConfig,
} from './config.ts';
export type { OutboxChannel, OutboxMessage, OutboxPurpose } from './outbox.ts';
