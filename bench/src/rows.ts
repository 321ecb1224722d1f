// Turns each section's figures into rows of the one table, with the targets.
import type { ActorFigures } from './actors.ts';
import type { EmulatorComparison } from './emulators.ts';
import type { FlowOverhead } from './flow-overhead.ts';
import type { ReplayedLogin } from './replayed-login.ts';
import type { FlowRequests } from './requests.ts';
import type { HandlerFigures } from './server-handler.ts';
import type { Breakdown, BundleSize } from './sizes.ts';
import { bytes, micros, ms, perSecond, times, type Row } from './table.ts';

export const TARGETS = {
  upFrontBytes: 24_000,
  allInBytes: 30_000,
  loginWallRatio: 1.15,
  extraCpuMs: 1,
  heapPerParkedBytes: 12_000,
  createStartMicros: 100,
};

export interface Sizes {
  core: BundleSize;
  serverMode: BundleSize;
  react: BundleSize;
  reactRemote: BundleSize;
  vue: BundleSize;
  vueRemote: BundleSize;
  auth0AuthJs: BundleSize;
  auth0Js: BundleSize;
  supabase: BundleSize;
  floor: BundleSize;
}

export function sizeRows(sizes: Sizes, breakdown: Breakdown): Row[] {
  const auth0 = sizes.auth0AuthJs.allIn;
  const ours = (measure: string, size: BundleSize, targets: boolean): Row[] => [
    {
      area: 'size',
      measure: `${measure}, up front`,
      value: bytes(size.upFront),
      compared: `@auth0/auth0-auth-js ${bytes(auth0)}`,
      ratio: times(size.upFront / auth0),
      ...(targets
        ? { target: `≤ ${bytes(TARGETS.upFrontBytes)}`, met: size.upFront <= TARGETS.upFrontBytes }
        : {}),
    },
    {
      area: 'size',
      measure: `${measure}, all-in (with the lazily loaded Auth0 calls)`,
      value: bytes(size.allIn),
      compared: `@auth0/auth0-auth-js ${bytes(auth0)}`,
      ratio: times(size.allIn / auth0),
      ...(targets ? { target: `≤ ${bytes(TARGETS.allInBytes)}`, met: size.allIn <= TARGETS.allInBytes } : {}),
    },
  ];
  // No chunk is loaded later in server mode: up front is all of it.
  const remote = (measure: string, size: BundleSize): Row => ({
    area: 'size',
    measure: `${measure}, all of it`,
    value: bytes(size.allIn),
    compared: `@auth0/auth0-auth-js ${bytes(auth0)}`,
    ratio: times(size.allIn / auth0),
  });
  const peer = (measure: string, size: BundleSize): Row => ({
    area: 'size',
    measure,
    value: bytes(size.allIn),
    compared: 'core up front / all-in',
    ratio: `${times(sizes.core.upFront / size.allIn)} / ${times(sizes.core.allIn / size.allIn)}`,
  });
  return [
    ...ours('core, README entry (`createPasswordlessActor`, actions, view)', sizes.core, true),
    {
      area: 'size',
      measure: 'core up front, where the bytes go (marginal gzip: bundle minus bundle without it)',
      value: `own code ${bytes(breakdown.ownCode)}`,
      compared: Object.entries(breakdown.marginal)
        .map(([name, size]) => `${name} ${bytes(size)}`)
        .concat(`lazy chunks ${bytes(breakdown.lazy)}`)
        .join(', '),
    },
    remote('core, server mode in a browser (`/remote`: `createRemoteFlow`, actions, view)', sizes.serverMode),
    ...ours('core + React (`usePasswordless`; React not counted)', sizes.react, false),
    remote('core + React, server mode (`@passwordless-xstate/react/remote`)', sizes.reactRemote),
    ...ours('core + Vue (`usePasswordless`; Vue not counted)', sizes.vue, false),
    remote('core + Vue, server mode (`@passwordless-xstate/vue/remote`)', sizes.vueRemote),
    peer('@auth0/auth0-auth-js 1.16.1: passwordless + MFA calls', sizes.auth0AuthJs),
    peer('@supabase/auth-js: e-mail OTP + TOTP MFA', sizes.supabase),
    peer('auth0-js: passwordlessStart + passwordlessLogin (no MFA API)', sizes.auth0Js),
    peer('floor: xstate + ofetch (a machine, an actor, one request)', sizes.floor),
  ];
}

export function flowRows(flow: FlowOverhead): Row[] {
  const { chart, sameCalls, minimum } = flow;
  const ratio = chart.medianMs / sameCalls.medianMs;
  const extraCpu = chart.cpuMs - sameCalls.cpuMs;
  return [
    {
      area: 'flow',
      measure: `e-mail code + MFA OTP login, median wall (${flow.rounds} interleaved rounds)`,
      value: ms(chart.medianMs),
      compared: `plain fetch, same calls ${ms(sameCalls.medianMs)}`,
      ratio: times(ratio),
      target: `≤ ${times(TARGETS.loginWallRatio)}`,
      met: ratio <= TARGETS.loginWallRatio,
    },
    {
      area: 'flow',
      measure: 'same login, p90 wall',
      value: ms(chart.p90Ms),
      compared: `plain fetch, same calls ${ms(sameCalls.p90Ms)}`,
      ratio: times(chart.p90Ms / sameCalls.p90Ms),
    },
    {
      area: 'flow',
      measure: 'same login against the protocol minimum (3 calls), median wall',
      value: ms(chart.medianMs),
      compared: `plain fetch, minimum ${ms(minimum.medianMs)} (p90 ${ms(minimum.p90Ms)})`,
      ratio: times(chart.medianMs / minimum.medianMs),
    },
    {
      area: 'flow',
      measure: 'client CPU per login (median)',
      value: ms(chart.cpuMs),
      compared: `plain fetch, same calls ${ms(sameCalls.cpuMs)}; minimum ${ms(minimum.cpuMs)}`,
      ratio: `+${ms(extraCpu)}`,
      target: `≤ +${ms(TARGETS.extraCpuMs)}`,
      met: extraCpu <= TARGETS.extraCpuMs,
    },
  ];
}

/** The same login with the network replaced by its recorded answers: the library's own cost. */
export function replayedLoginRows(replayed: ReplayedLogin): Row[] {
  return [
    {
      area: 'flow',
      measure: `client CPU per login, answers replayed in-process (no network; ${replayed.logins} logins, ${replayed.requestsPerLogin} requests each)`,
      value: ms(replayed.chartCpuMs),
      compared: `reading the same answers ${ms(replayed.readingCpuMs)}`,
      ratio: `+${ms(replayed.chartCpuMs - replayed.readingCpuMs)}`,
    },
  ];
}

export function requestRows(flows: FlowRequests[]): Row[] {
  return flows.map((flow) => ({
    area: 'requests',
    measure: `${flow.flow}, without the key set (JWKS ${flow.jwksRefetched ? 'fetched again by each new actor' : 'kept across actors'})`,
    value: String(flow.protocolRequests),
    compared: `protocol minimum ${flow.minimum}`,
    ratio: flow.protocolRequests === flow.minimum ? '=' : `+${flow.protocolRequests - flow.minimum}`,
    target: '= minimum',
    met: flow.protocolRequests <= flow.minimum,
  }));
}

export function actorRows(actors: ActorFigures): Row[] {
  const { createStartMicros: create, heapPerParkedBytes: heap } = actors;
  return [
    {
      area: 'actor',
      measure: 'create + start, `createPasswordlessActor` (README path)',
      value: micros(create.readme),
      compared: `\`createActor(passwordlessMachine)\` ${micros(create.plain)}`,
      ratio: times(create.readme / create.plain),
      target: `≤ ${micros(TARGETS.createStartMicros)}`,
      met: create.readme <= TARGETS.createStartMicros,
    },
    {
      area: 'actor',
      measure: `heap per actor parked in \`sent\` (${actors.parked.toLocaleString('en-US')}), \`createPasswordlessActor\``,
      value: bytes(heap.readme),
      compared: `\`createActor(passwordlessMachine)\` ${bytes(heap.plain)}`,
      ratio: times(heap.readme / heap.plain),
      target: `≤ ${bytes(TARGETS.heapPerParkedBytes)}`,
      met: heap.readme <= TARGETS.heapPerParkedBytes,
    },
    {
      area: 'actor',
      measure: `parked flows in 1 GB of heap, \`createPasswordlessActor\``,
      value: Math.floor(1e9 / heap.readme).toLocaleString('en-US'),
      compared: `\`createActor(passwordlessMachine)\` ${Math.floor(1e9 / heap.plain).toLocaleString('en-US')}`,
    },
    {
      area: 'actor',
      measure: 'events through the chart (TICK on the code step)',
      value: perSecond(actors.tickEventsPerSecond),
    },
    {
      area: 'actor',
      measure: 'view of a new snapshot (`getPasswordlessView`)',
      value: micros(actors.viewMicros),
    },
  ];
}

export function emulatorRows({ emulator, simulacrum }: EmulatorComparison): Row[] {
  const other = 'error' in simulacrum ? undefined : simulacrum;
  const note = 'error' in simulacrum ? `simulacrum not run: ${simulacrum.error}` : undefined;
  const versus = (value: (figures: NonNullable<typeof other>) => string) =>
    other ? `simulacrum ${value(other)}` : note;
  const ratio = (mine: number, theirs: number | undefined) =>
    theirs === undefined ? undefined : times(mine / theirs);
  return [
    {
      area: 'emulator',
      measure: 'start: `startEmulator()` until listening (fresh process, after import)',
      value: ms(emulator.startMs),
      compared: versus((figures) => ms(figures.startMs)),
      ratio: ratio(emulator.startMs, other?.startMs),
    },
    {
      area: 'emulator',
      measure: 'import of the package (fresh process)',
      value: ms(emulator.importMs),
      compared: versus((figures) => ms(figures.importMs)),
      ratio: ratio(emulator.importMs, other?.importMs),
    },
    {
      area: 'emulator',
      measure: `passwordless e-mail logins per second, 8 at a time (${emulator.requestsPerLogin} requests each; simulacrum ${other?.requestsPerLogin ?? '–'})`,
      value: perSecond(emulator.loginsPerSecond),
      compared: versus((figures) => perSecond(figures.loginsPerSecond)),
      ratio: ratio(emulator.loginsPerSecond, other?.loginsPerSecond),
    },
    {
      area: 'emulator',
      measure: 'login latency p50 / p95 under that load',
      value: `${ms(emulator.p50Ms)} / ${ms(emulator.p95Ms)}`,
      compared: versus((figures) => `${ms(figures.p50Ms)} / ${ms(figures.p95Ms)}`),
    },
  ];
}

export function handlerRows(results: Array<HandlerFigures | { store: string; error: string }>): Row[] {
  const rows: Row[] = results.map((result) =>
    'error' in result
      ? {
          area: 'server',
          measure: `handler logins, ${result.store} store`,
          value: 'not run',
          compared: result.error,
        }
      : {
          area: 'server',
          measure: `e-mail code logins per second through the handler, ${result.store} store, 8 at a time`,
          value: perSecond(result.loginsPerSecond),
          compared: `p50 ${ms(result.p50Ms)}, p95 ${ms(result.p95Ms)} (${result.logins} logins)`,
        },
  );
  const measured = results.find((result): result is HandlerFigures => !('error' in result));
  if (measured)
    rows.push({
      area: 'server',
      measure: 'sealed flow record while waiting: code step / MFA step',
      value: `${bytes(measured.recordBytes.code)} / ${bytes(measured.recordBytes.mfa)}`,
    });
  return rows;
}
