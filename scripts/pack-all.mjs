// `pnpm pack:all [dir]` (after `pnpm build`): every published package as a tarball in `packed/` (or
// dir), for trying them in an app of your own before they are on npm.
//
// `pnpm pack` turns `workspace:*` into the exact version, which npm resolves against tarballs given
// in the same `npm install`, but pnpm looks up in the registry (404 until the first release). So
// each tarball's dependencies on our packages are rewritten to `file:` the sibling tarball's
// absolute path, which npm and pnpm both install from, whether one tarball is added or all of them.
// Relative `file:` paths would resolve from the installed package's folder, so they cannot work.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, process.argv[2] ?? 'packed');
const tarballName = /^passwordless-xstate-.*\.tgz$/;
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const packages = readdirSync(join(root, 'packages'))
  .map((folder) => join(root, 'packages', folder))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);
for (const { dir } of packages) {
  if (!existsSync(join(dir, 'dist'))) throw new Error(`${dir}/dist is missing: run \`pnpm build\` first.`);
}

mkdirSync(out, { recursive: true });
// Only our own tarballs are removed, so pointing dir at a folder with other files is harmless.
for (const file of readdirSync(out)) if (tarballName.test(file)) rmSync(join(out, file));

const stage = mkdtempSync(join(tmpdir(), 'passwordless-xstate-pack-'));
try {
  const packed = packages.map(({ dir }) => {
    const info = JSON.parse(run('pnpm', ['pack', '--json', '--pack-destination', stage], dir));
    const file = info.filename.split(/[\\/]/).at(-1);
    return { name: info.name, version: info.version, staged: info.filename, file, path: join(out, file) };
  });
  const pathOf = new Map(packed.map(({ name, path }) => [name, path]));

  for (const { name, staged, file, path } of packed) {
    const unpacked = join(stage, name.replace('/', '+'));
    mkdirSync(unpacked);
    run('tar', ['-xzf', staged, '-C', unpacked]);
    const manifestPath = join(unpacked, 'package', 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      for (const dependency of Object.keys(manifest[field] ?? {})) {
        if (pathOf.has(dependency)) manifest[field][dependency] = `file:${pathOf.get(dependency)}`;
      }
    }
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    // COPYFILE_DISABLE keeps macOS tar from adding ._ metadata files.
    execFileSync('tar', ['-czf', path, '-C', unpacked, 'package'], {
      env: { ...process.env, COPYFILE_DISABLE: '1' },
    });
    console.log(`  ${name}@${manifest.version}  ${file}`);
  }

  const app = ['core', 'react'].map((name) => pathOf.get(`@passwordless-xstate/${name}`)).join(' ');
  console.log(`\nPacked ${packed.length} packages into ${out}`);
  console.log('They refer to each other by absolute path: keep them there, or pack again after moving.');
  console.log('In your app, add the ones you import in one command (react and vue bring core along):');
  console.log(`  pnpm add ${app}`);
  console.log(`  npm install ${app}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
