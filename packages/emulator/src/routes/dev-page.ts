import { htmlPage } from '../html-page.ts';

/** The human view of the outbox: a table that refreshes itself, with buttons for pending pushes. */
export function devPage(tenantName: string): string {
  return htmlPage({
    title: `${tenantName} — dev outbox`,
    maxWidth: '60rem',
    css: `  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #e3e4e8; vertical-align: top; }
  code { font-size: 1.1rem; letter-spacing: .1em; }
  .empty { color: #6b6f7b; }
  button { margin-right: .4rem; }
`,
    body: `<p>Codes, magic links and push notifications land here instead of being sent. JSON: <a href="/__dev/outbox">/__dev/outbox?to=ADDRESS</a>.</p>
<table aria-live="polite">
  <thead><tr><th>Sent</th><th>To</th><th>Channel</th><th>Purpose</th><th>Content</th></tr></thead>
  <tbody id="rows"><tr><td colspan="5" class="empty">Nothing sent yet.</td></tr></tbody>
</table>
<script>
const rows = document.getElementById('rows');
function cell(text) { const td = document.createElement('td'); td.textContent = text; return td; }
async function decide(id, decision) { await fetch('/__dev/push/' + id + '/' + decision, { method: 'POST' }); refresh(); }
async function refresh() {
  const messages = await (await fetch('/__dev/outbox')).json();
  rows.replaceChildren();
  if (messages.length === 0) { rows.innerHTML = '<tr><td colspan="5" class="empty">Nothing sent yet.</td></tr>'; return; }
  for (const message of messages.slice().reverse()) {
    const tr = document.createElement('tr');
    tr.append(cell(new Date(message.sentAt).toLocaleTimeString()), cell(message.to), cell(message.channel), cell(message.purpose));
    const content = document.createElement('td');
    if (message.code) { const code = document.createElement('code'); code.textContent = message.code; content.append(code); }
    else if (message.link) { const a = document.createElement('a'); a.href = message.link; a.textContent = 'Open magic link'; content.append(a); }
    else if (message.push && message.push.status === 'pending') {
      for (const decision of ['approve', 'reject']) {
        const button = document.createElement('button'); button.textContent = decision[0].toUpperCase() + decision.slice(1);
        button.onclick = () => decide(message.id, decision); content.append(button);
      }
    } else if (message.push) content.textContent = 'Push ' + message.push.status;
    tr.append(content); rows.append(tr);
  }
}
refresh(); setInterval(refresh, 2000);
</script>`,
  });
}
