// docs/PERFORMANCE.md: the table, the machine it ran on, and how each figure is measured.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, release, type } from 'node:os';
import { listRequests, type FlowRequests } from './requests.ts';
import { repoRoot } from './published.ts';
import type { Sizes } from './rows.ts';
import { markdownTable, type Row } from './table.ts';

export interface RunInfo {
  date: string;
  machine: string;
  node: string;
  commit: string;
  load: string;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

export function runInfo(): RunInfo {
  const [cpu] = cpus();
  const dirty =
    git(['status', '--porcelain', '--', 'packages']) === '' ? '' : ' (packages/ with uncommitted changes)';
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: `${cpus().length} × ${cpu?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${type()} ${release()}`,
    node: process.version,
    commit: `${git(['rev-parse', '--short', 'HEAD']) || 'unknown'}${dirty}`,
    load: loadavg()
      .map((value) => value.toFixed(2))
      .join(' / '),
  };
}

const METHOD = `## How each figure is measured

- **Sizes**: esbuild \`--bundle --minify --format=esm --platform=browser --target=es2020\` with code
  splitting, each output gzipped at level 9 (node:zlib) on its own. Our packages are resolved
  through their \`publishConfig.exports\` to the built \`dist\` (the command runs \`./pnpmw build\`
  first), as a user's bundler sees the published package. _Up front_ is the entry chunk and every
  chunk it imports statically; _all-in_ adds the chunks loaded by dynamic \`import()\`: the Auth0 calls
  (ofetch, the HTTP error model, every endpoint, ID-token checks with jose), which an actor starts
  loading when it is created, so a page shows its first step without them. The entries are in \`bench/entries/\`, one per row, so the import surface is
  explicit; React and Vue are external (the app has them anyway). Peers are bundled the same way;
  their ratio column is our core up front / all-in divided by the peer. _Where the bytes go_
  bundles the README entry again with each dependency group external in turn (its marginal share)
  and with all of them external (our own code); gzip is not additive, so the parts do not sum to
  the whole exactly.
- **Flow**: a full e-mail code + MFA OTP login as \`totp@example.com\` driven by the chart
  (\`createPasswordlessActor\`, README defaults: ID-token validation on) against the emulator on
  loopback in another process, next to plain \`fetch\` making (a) the same HTTP calls as the chart
  (the calls beyond the minimum are read from the requests rows, so this follows the chart) and
  (b) the protocol's minimum of 3 calls. Plain fetch does not validate the ID token. Only what a
  person waits for is timed and charged CPU (\`process.cpuUsage\` of the client process): from
  each submit until the flow is at the next step, the actor's creation included; the chart is
  awaited through its subscription (\`waitForStep\`), never by polling. Reading the code from the
  outbox, computing the TOTP and resetting the emulator (a TOTP is accepted once per 30 s step)
  happen between timed segments. Rounds interleave the three arms in rotating order.
- **Without the network**: the same login recorded once against the emulator, then driven again
  with the global \`fetch\` answering each request in-process from the recording (the network
  is the edge we stub); the comparison arm builds and reads the same answers and does nothing
  else. CPU per login is the median of alternating batches of 50, after 100 warm-up logins; the
  difference is the chart, the client (ofetch, error model, ID-token checks) and \`waitForStep\`.
- **Requests**: counted by a \`fetch\` handed to the chart's \`fetch\` option, method and path only.
  Each flow runs twice in the process, each time in a new actor, and the second run is shown. The
  count leaves out the key set (\`GET /.well-known/jwks.json\`), as issue 13 counts: the protocol
  needs it once per key-set cache lifetime, not per login; the measure says whether a new actor
  fetches it again. The full list of each flow's requests is below the table.
- **Actors**: the network is stubbed at the edge (global \`fetch\` answers \`/passwordless/start\`)
  for both ways of creating an actor. Heap: \`--expose-gc\`, collections until the heap stops
  shrinking before and after parking 10,000 actors in \`sent\` (\`heapUsed\` difference / 10,000).
  Create + start: each call timed alone, the actor stopped outside the clock; 5 chunks of 400
  calls per way (after 500 warm-up calls each), the two ways alternating, the median chunk
  reported. Events: TICK sent to one actor on the code step, 5 runs of 4,000, median run. View:
  \`getPasswordlessView\` once on each of 5 × 1,000 snapshots never viewed before, median run.
- **Emulator**: each server in its own process on 127.0.0.1. Start is the median of 3 fresh
  processes per server, interleaved. Logins: 8 concurrent workers, one keep-alive client for both,
  3 interleaved windows of 1.5 s per server. Our emulator checks codes, so its login reads the code
  from \`GET /__dev/outbox\` (3 requests); simulacrum sends no code and accepts any for a user in
  its store (2 requests). Simulacrum serves only https (a throwaway self-signed certificate), so
  its figures include TLS; it is loaded through its CommonJS build, since its ES module build
  fails to sign tokens (\`jwt.sign is not a function\`).
- **Server**: \`@passwordless-xstate/server\`'s handler over real HTTP in this process, the
  emulator in another; the flow cookie carried by hand. Redis is a throwaway \`redis-server\` on a
  Unix socket; the sealed record size is read from the store.
- Timings on a shared machine are noisy: compare the ratios, and run the command twice before
  trusting a change of a few percent. No test asserts any timing.`;

export function writeReport({
  table,
  info,
  flows,
  sizes,
  seconds,
}: {
  table: Row[];
  info: RunInfo;
  flows: FlowRequests[];
  sizes: Sizes;
  seconds: number;
}) {
  const rendered = markdownTable(table);
  const requests = flows
    .map((flow) => `- **${flow.flow}**: ${listRequests(flow.requests)}. Minimum: ${flow.minimumCalls}.`)
    .join('\n');
  const bundled = (Object.entries(sizes) as Array<[string, Sizes[keyof Sizes]]>)
    .map(
      ([name, size]) =>
        `- \`${name}\`: ${size.packages.join(', ')}${size.lazyPackages.length > 0 ? `; lazily: ${size.lazyPackages.join(', ')}` : ''}`,
    )
    .join('\n');
  const runLine = `${info.date} · Node ${info.node} · ${info.machine} · load ${info.load} at start · commit ${info.commit} · ${seconds.toFixed(0)} s`;
  const markdown = `# Performance

Written by \`pnpm bench\` (\`pnpm --filter passwordless-bench bench\`): one run, one table. Targets
are those of issue 13; no test asserts a timing.

Last run: ${runLine}.

${rendered}

## Requests per flow (second login in the process)

${requests}

## Packages in each bundle

${bundled}

${METHOD}
`;
  return { markdown, console: `${rendered}\n\n${runLine}\n\n${requests}` };
}
