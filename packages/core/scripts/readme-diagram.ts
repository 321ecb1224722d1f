import { passwordlessMachine } from '../src/machine/machine.ts';
import { toMermaid } from '../src/diagram/to-mermaid.ts';

const start = '<!-- diagram:start (pnpm diagram) -->';
const end = '<!-- diagram:end -->';

/** The README with its Mermaid block regenerated from the machine. */
export function readmeWithDiagram(readme: string): string {
  const block = `${start}\n\n\`\`\`mermaid\n${toMermaid(passwordlessMachine, { hideEvents: ['TICK'] })}\`\`\`\n\n${end}`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`README needs the markers ${start} and ${end}`);
  return readme.slice(0, from) + block + readme.slice(to + end.length);
}
