// The one table: every figure, what it is compared with, and the issue's target where it has one.
export interface Row {
  area: string;
  measure: string;
  value: string;
  compared?: string;
  ratio?: string;
  target?: string;
  /** Whether the value meets `target`; undefined when there is no target. */
  met?: boolean;
}

const HEADER = ['Area', 'Measure', 'Value', 'Compared with', 'Ratio', 'Target', 'Met'];
const escape = (cell: string) => cell.replaceAll('|', '\\|');

export function markdownTable(rows: Row[]): string {
  const cells = rows.map((row) => [
    row.area,
    row.measure,
    row.value,
    row.compared ?? '',
    row.ratio ?? '',
    row.target ?? '',
    row.met === undefined ? '' : row.met ? 'yes' : '**no**',
  ]);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => escape(line[column] ?? '').length)),
  );
  // Padded as prettier pads a markdown table, so the written file passes `prettier --check`.
  const rightAligned = new Set([2, 4]);
  const pad = (value: string, column: number) =>
    rightAligned.has(column)
      ? escape(value).padStart(widths[column] ?? 0)
      : escape(value).padEnd(widths[column] ?? 0);
  const line = (values: string[]) => `| ${values.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (rightAligned.has(column) ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(HEADER), rule, ...cells.map(line)].join('\n');
}

export const bytes = (value: number) => `${Math.round(value).toLocaleString('en-US')} B`;
export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const micros = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} µs`;
export const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
export const times = (value: number) => `${value.toFixed(2)}×`;
