import { readFile, writeFile } from 'node:fs/promises';
import { readmeWithDiagram } from './readme-diagram.ts';

// `pnpm diagram`: writes the chart into the README, where GitHub and npm render it.
const readmeUrl = new URL('../README.md', import.meta.url);
const readme = await readFile(readmeUrl, 'utf8');
const updated = readmeWithDiagram(readme);
if (updated !== readme) await writeFile(readmeUrl, updated);
console.log(updated === readme ? 'README diagram is up to date.' : 'README diagram updated.');
