import { escapeHtml } from './respond.ts';

/** The emulator's pages for people (home, dev outbox): one plain shell, so they look alike. */
export function htmlPage(options: { title: string; maxWidth: string; css?: string; body: string }): string {
  const title = escapeHtml(options.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: ${options.maxWidth}; padding: 0 1rem; color: #1c1d21; }
  h1 { font-size: 1.4rem; }
  code { background: #f2f3f7; padding: .1rem .35rem; border-radius: 4px; }
${options.css ?? ''}</style>
</head>
<body>
<h1>${title}</h1>
${options.body}
</body>
</html>`;
}
