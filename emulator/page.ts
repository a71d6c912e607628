import { InstanceStore } from './instances';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The emulator's home page: what a phone would show. For each instance with a pending
 * code, a form stands in for WhatsApp's "Link with phone number instead" screen.
 */
export function renderHomePage(store: InstanceStore): string {
  const rows = store
    .list()
    .map((instance) => {
      const pending = store.livePendingCode(instance);
      const secondsLeft = pending ? Math.max(0, Math.round((pending.expiresAt - Date.now()) / 1000)) : 0;
      const form = pending
        ? `<form method="post" action="/emulator/instances/${escape(instance.idInstance)}/link-form">
             <label>Code typed in WhatsApp <input name="code" autocomplete="off" placeholder="ABCD-EFGH"></label>
             <button type="submit">Link</button> <small>valid ${secondsLeft} s more</small>
           </form>`
        : instance.state === 'authorized' || instance.state === 'yellowCard' || instance.state === 'sleepMode'
          ? `<form method="post" action="/emulator/instances/${escape(instance.idInstance)}/unlink-form">
               <button type="submit">Unlink on the phone</button> <small>plays a dropped link: VS Code's watch notices it</small>
             </form>`
          : '<small>No pending code. Ask for one in VS Code.</small>';
      return `<tr><td>${escape(instance.name)}</td><td><code>${escape(instance.idInstance)}</code></td>
        <td>${escape(instance.state)}</td><td>${form}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GREEN-API emulator</title>
<meta http-equiv="refresh" content="10">
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:60rem}td,th{padding:.4rem .8rem;text-align:left;border-bottom:1px solid #ccc}</style>
</head><body>
<h1>GREEN-API emulator</h1>
<p>A local stand-in for GREEN-API, for the demo and the tests. It plays the phone too: when VS Code shows a code,
type it below as you would in WhatsApp (Linked devices → Link a device → Link with phone number instead).</p>
<table><thead><tr><th>Name</th><th>idInstance</th><th>State</th><th>Phone</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
