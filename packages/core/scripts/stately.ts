import { readFile, writeFile } from 'node:fs/promises';
import { statelyChartSource } from './stately-chart.ts';

// `pnpm stately`: writes stately/passwordless.machine.ts, the chart as one literal (see stately-chart.ts).
const fileUrl = new URL('../stately/passwordless.machine.ts', import.meta.url);
const current = await readFile(fileUrl, 'utf8').catch(() => '');
const next = statelyChartSource();
if (next !== current) await writeFile(fileUrl, next);
console.log(next === current ? 'Stately chart is up to date.' : 'Stately chart updated.');
