export { createPasswordlessServer, type PasswordlessServer } from './handler.ts';
export { toNodeHandler } from './node.ts';
export type {
  AuthenticatedInfo,
  PasswordlessServerOptions,
  ServerFlowOptions,
  ServerLimits,
} from './options.ts';
export type { RequestInfo } from './request-context.ts';
export type { ServerSession } from './session-cookie.ts';
export type { ServerSecret } from './seal.ts';
export type { TrustProxy } from './client-ip.ts';
export { memoryFlowStore, type MemoryFlowStore, type MemoryFlowStoreOptions } from './store/memory.ts';
export type { FlowRecord, FlowStore, RateLimitHit } from './store/types.ts';
