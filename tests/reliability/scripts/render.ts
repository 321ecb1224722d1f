/** docs/RELIABILITY.md from the figures the suites wrote (see report.ts). */

interface Cell {
  flow: string;
  request: string;
  fault: string;
  outcome: string;
  state?: string;
  step?: string;
  wayForward?: string;
}

export interface Figures {
  command: string;
  date: string;
  seconds: number;
  matrix: { faults: string[]; cells: Cell[] };
  server: { faults: string[]; cells: Cell[] };
  store: Record<string, string>;
  serverProperty: {
    seed: number;
    runs: number;
    steps: number;
    checks: number;
    maxCommands: number;
    stepsReached: string[];
  };
  property: {
    seed: number;
    runs: number;
    steps: number;
    checks: number;
    backgroundOverlaps: number;
    numRuns: number;
    maxCommands: number;
    distinctStates: string[];
  };
  fuzz: {
    seed: number;
    sent: number;
    endpoints: number;
    byClass: Record<string, number>;
    byKind: Record<string, number>;
    heapMb: { afterWarmUp: number; atEnd: number };
  };
}

const table = (header: string[], rows: string[][]) =>
  [header, header.map(() => '---'), ...rows]
    .map((cells) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`)
    .join('\n');

function matrixTable(faults: string[], cells: Cell[], where: 'state' | 'step') {
  const rows = [...new Map(cells.map((cell) => [`${cell.flow}\n${cell.request}`, cell])).values()];
  return table(
    ['flow', 'request', where === 'state' ? 'state after the fault' : 'step after the fault', ...faults],
    rows.map((row) => {
      const mine = cells.filter((cell) => cell.flow === row.flow && cell.request === row.request);
      const places = [...new Set(mine.map((cell) => cell[where] ?? ''))].join(' / ');
      return [
        row.flow,
        `\`${row.request}\``,
        places,
        ...faults.map((fault) => mine.find((cell) => cell.fault === fault)?.outcome ?? '—'),
      ];
    }),
  );
}

export function renderReport(figures: Figures): string {
  const { matrix, server, store, property, serverProperty, fuzz } = figures;
  const classes = ['2xx', '3xx', '4xx', '5xx', 'no answer (incomplete request)', 'hang', 'not sendable'];
  const waysForward = [...new Map(matrix.cells.map((cell) => [cell.request, cell])).values()];
  return `# Reliability: the flow never gets stuck, the emulator never crashes

<!-- Written by \`${figures.command}\` (tests/reliability/scripts/report.ts); do not edit by hand. -->

Latest figures: ${figures.date}, \`${figures.command}\`, ${figures.seconds} s, every suite green. CI runs the
same suites, bounded, inside \`vitest run\` (the \`reliability\` project); \`pnpm reliability:soak\` runs them
longer. Both write this file only when everything passed.

| suite | what it covers | figures |
| --- | --- | --- |
| fault matrix | every request of every browser-mode flow × ${matrix.faults.length} faults, through an HTTP proxy of our own in front of a real emulator | ${matrix.cells.length} cells, all ended in a named state with a way forward that worked once the fault was lifted, no unhandled rejection |
| property-based | random acts, clock ticks, reloads (persist + restore) and faults (fast-check) | ${property.runs} runs, ${property.steps} steps, ${property.checks} invariant checks held |
| server mode | \`@passwordless-xstate/server\` → emulator faults; server → Redis faults; concurrency; lease expiry; random runs | ${server.cells.length} cells, ${Object.keys(store).length} store scenarios, ${serverProperty.runs} runs of ${serverProperty.steps} steps with the invariants held |
| emulator fuzz | malformed requests at every emulator route | ${fuzz.sent} requests, **${fuzz.byClass['5xx'] ?? 0} answered 5xx**, ${fuzz.byClass.hang ?? 0} hung |

## Fault matrix (browser mode)

Each cell: a fresh flow is brought to the request, the proxy answers that request with the fault
(the emulator never sees it), and the cell checks the state, the error \`code\` the request failed
with and the one the view shows (\`rate_limited\` with \`retryAfter\` 7 from the header), that nothing
is in flight and something is offered; then the fault is lifted and the way forward is taken through
actions the view offers, to a signed-in session (or a clean sign-out), with no unhandled rejection.
Hangs end by the client's \`timeoutMs\` (short only while a hang is armed), so no cell waits for a real
request timeout. \`ok (2xx)\`: \`/passwordless/start\` and \`/oauth/revoke\` take any 2xx as done, as
Auth0's SDKs do; the way forward there is a resend (nothing was sent) or, for logout, nothing.

${matrixTable(matrix.faults, matrix.cells, 'state')}

Ways forward: ${waysForward.map((cell) => `\`${cell.request}\` → ${cell.wayForward}`).join('; ')}.

## Server mode

The same faults between the server and the emulator, seen from a browser (\`createRemoteFlow\` with a
cookie jar) that then goes on through the view's actions. Logout signs out whatever Auth0 answers and
reports a failed revocation as \`logoutIncomplete\`.

${matrixTable(server.faults, server.cells, 'step')}

Between the server and a real \`redis-server\`, through a TCP proxy of our own:

${table(
  ['scenario', 'outcome'],
  Object.entries(store).map(([scenario, outcome]) => [scenario, outcome]),
)}

Random runs in server mode (fast-check, seed \`${serverProperty.seed}\`): ${serverProperty.runs} runs,
${serverProperty.steps} steps of up to ${serverProperty.maxCommands} commands: actions the page offers
(right or wrong values), clock ticks, reloads (a new page with the same cookies), and one act in seven
under an Auth0 fault, a Redis cut or a slow Redis. After every step the page is not busy, offers
something and a way back to \`identify\` (taken at the end of every run), and nothing it received holds
a code, a token or sealed record (\`eyJ\`), or the client secret. Steps reached:
${serverProperty.stepsReached.map((step) => `\`${step}\``).join(', ')}. Replay: \`FC_SEED=<seed> pnpm exec vitest run --project reliability
test/server-property.test.ts\`.

## Property-based runs

${property.runs} runs of up to ${property.maxCommands} commands (${property.steps} steps) with seed
\`${property.seed}\`: acts the view offers and acts it does not, with the right value, a wrong one or
junk, double clicks and bursts, clock ticks across every deadline, reloads through \`persist\` (with
and without \`includeSecrets\`), push approvals, and one fault in six. After every step:

- at most one request the person set off is in flight (background retries of a failed revocation
  overlapped one ${property.backgroundOverlaps} times);
- \`view.can\` equals \`snapshot.can(event)\` for all 16 actions;
- no secret (codes, binding and recovery codes, tokens, \`mfa_token\`, authorization codes, the client
  secret) in the stored snapshot (without \`includeSecrets\`) or in any redacted inspection event;
- a copy of the flow with Auth0 unreachable gets back to \`identify\` through actions its view offers.

States reached: ${property.distinctStates.map((state) => `\`${state}\``).join(', ')}.

Replay a run: \`FC_SEED=<seed> pnpm exec vitest run --project reliability test/property.test.ts\` (add
\`FC_PATH=<path>\` from a failure's report for the shrunk counterexample). Counts: \`FC_RUNS\`,
\`FC_MAX_COMMANDS\`.

## Emulator fuzz

${fuzz.sent} requests (seed \`${fuzz.seed}\`) at all ${fuzz.endpoints} routes the emulator registers (read
from its route files), first the requests that once answered 500 (HTTP Basic credentials with broken
percent-encoding, clock moves past the year 9999, then the requests that failed after them).

${table(
  ['status class', 'requests'],
  classes.map((name) => [name, String(fuzz.byClass[name] ?? 0)]),
)}

${table(
  ['kind', 'requests'],
  Object.entries(fuzz.byKind).map(([kind, count]) => [kind, String(count)]),
)}

Each request also carries generated headers (Basic and Bearer abuse, odd origins, huge values); one in
twenty-one is sent raw: a body that trickles in, one that stops short (the client gives up: \`no answer\`),
or a lying \`content-length\`. \`not sendable\`: Node's client refused the generated header or path. The
emulator answered a health check every 250 requests and at the end. Heap after warm-up
${fuzz.heapMb.afterWarmUp} MB, at the end ${fuzz.heapMb.atEnd} MB (bound: +96 MB). Replay:
\`FUZZ_SEED=<seed>\`; counts: \`FUZZ_REQUESTS\`, \`FUZZ_SECONDS\`.
`;
}
