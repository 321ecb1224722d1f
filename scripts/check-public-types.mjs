// The published type declarations must not expose `any` (comments aside): run after `pnpm build`.
import { readFileSync } from 'node:fs';

const files = [
  ...['core', 'react', 'vue', 'emulator', 'server'].map((name) => `packages/${name}/dist/index.d.ts`),
  'packages/server/dist/store/redis.d.ts',
  'packages/core/dist/client.d.ts',
  'packages/core/dist/diagram.d.ts',
  'packages/core/dist/inspect.d.ts',
  ...['core', 'react', 'vue'].map((name) => `packages/${name}/dist/remote.d.ts`),
];
const anyType = /(:\s*any\b|<any\b|\bany\[\]|\|\s*any\b|\bany\s*\||=>\s*any\b|,\s*any\b)/;
let problems = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file} is missing: run \`pnpm build\` first.`);
    throw error;
  }
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  code.split('\n').forEach((line, index) => {
    if (anyType.test(line)) {
      problems += 1;
      console.error(`${file}:${index + 1}: ${line.trim()}`);
    }
  });
}
if (problems > 0) {
  console.error(`${problems} public declaration(s) use \`any\`.`);
  process.exit(1);
}
console.log(`No \`any\` in the public types (${files.length} declaration files checked).`);
