// `@passwordless-xstate/core/inspect`: inspection without secrets, for loggers and devtools panels.
// Its own entry, so that apps which inspect nothing do not ship the log. (The hooks and
// `createPasswordlessActor` redact what they pass to `inspect` themselves.)
export {
  redactInspection,
  redactInspectionEvent,
  type InspectCallback,
  type Inspector,
} from './privacy/inspect.ts';
export { redactSecrets, REDACTED, SECRET_KEYS } from './privacy/redact.ts';
export {
  createInspectionLog,
  type InspectionLog,
  type InspectionLogEntry,
} from './privacy/inspection-log.ts';
