import { EmulatedInstance, InstanceStore, holdsAccount } from './instances';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A one-button form that posts to one of the instance's control paths. */
function button(
  instance: EmulatedInstance,
  path: string,
  label: string,
  note: string,
  field?: { name: string; value: string },
): string {
  const hidden = field ? `<input type="hidden" name="${escape(field.name)}" value="${escape(field.value)}">` : '';
  return `<form method="post" action="/emulator/instances/${escape(instance.idInstance)}/${path}">${hidden}
               <button type="submit">${escape(label)}</button> <small>${escape(note)}</small>
             </form>`;
}

/** What the phone (and GREEN-API) can do to this instance now, as buttons. */
function controls(store: InstanceStore, instance: EmulatedInstance): string {
  if (store.isBeingCreated(instance)) {
    const secondsLeft = Math.max(0, Math.round(((instance.creatingUntil ?? 0) - Date.now()) / 1000));
    return `<small>Being created, ${secondsLeft} s more: getStateInstance answers <code>null</code>.</small>`;
  }
  const pending = store.livePendingCode(instance);
  if (pending) {
    const secondsLeft = Math.max(0, Math.round((pending.expiresAt - Date.now()) / 1000));
    return `<form method="post" action="/emulator/instances/${escape(instance.idInstance)}/link-form">
             <label>Code typed in WhatsApp <input name="code" autocomplete="off" placeholder="ABCD-EFGH"></label>
             <button type="submit">Link</button> <small>valid ${secondsLeft} s more</small>
           </form>`;
  }
  if (holdsAccount(instance.state)) {
    const progress = store.historySyncProgress(instance);
    return [
      progress === undefined ? '' : `<small>Loading chats: <code>historySyncProgress: ${progress}</code>.</small>`,
      button(instance, 'unlink-form', 'Unlink on the phone', "plays a dropped link: VS Code's watch notices it"),
      instance.state === 'yellowCard'
        ? ''
        : button(
            instance,
            'restrict-form',
            'Restrict (yellowCard)',
            'sending suspended for spam; a reboot brings it back',
            { name: 'state', value: 'yellowCard' },
          ),
      instance.state === 'suspended'
        ? ''
        : button(instance, 'restrict-form', 'Restrict by WhatsApp (suspended)', 'the account stays, not working', {
            name: 'state',
            value: 'suspended',
          }),
    ].join('\n');
  }
  const cleanup = store.isCleaningUp(instance)
    ? '<small>Cleaning up after the logout: <code>logoutProcess: true</code>.</small>'
    : '';
  const passkey =
    instance.state === 'notAuthorized'
      ? button(
          instance,
          'passkey-form',
          instance.passkeyRequired ? 'Stop asking for a passkey' : 'Ask for a passkey',
          instance.passkeyRequired ? 'qr answers passkeyRequired' : 'qr will answer passkeyRequired',
        )
      : '';
  return [cleanup, '<small>No pending code. Ask for one in VS Code.</small>', passkey].filter(Boolean).join('\n');
}

/**
 * The emulator's home page: what a phone would show. For each instance with a pending
 * code, a form stands in for WhatsApp's "Link with phone number instead" screen; the other
 * buttons play what WhatsApp and GREEN-API do on their own (a dropped link, a restriction, a
 * passkey step, an instance still being created).
 */
export function renderHomePage(store: InstanceStore): string {
  const rows = store
    .list()
    .map((instance) => {
      const state = store.isBeingCreated(instance) ? 'being created' : instance.state;
      return `<tr><td>${escape(instance.name)}</td><td><code>${escape(instance.idInstance)}</code></td>
        <td>${escape(state)}</td><td>${controls(store, instance)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GREEN-API emulator</title>
<meta http-equiv="refresh" content="10">
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:60rem}td,th{padding:.4rem .8rem;text-align:left;border-bottom:1px solid #ccc}form{margin:.2rem 0}</style>
</head><body>
<h1>GREEN-API emulator</h1>
<p>A local stand-in for GREEN-API, for the demo and the tests. It plays the phone too: when VS Code shows a code,
type it below as you would in WhatsApp (Linked devices → Link a device → Link with phone number instead).</p>
<table><thead><tr><th>Name</th><th>idInstance</th><th>State</th><th>Phone</th></tr></thead><tbody>
${rows}
</tbody></table>
<form method="post" action="/emulator/instances/create-form">
  <label>Create an instance that takes <input name="seconds" type="number" min="1" max="3600" value="30"> s to be created</label>
  <button type="submit">Create</button> <small>add it in VS Code with the idInstance and token of <code>GET /emulator/instances</code></small>
</form>
<p><small>A MAX-style address: this emulator's URL followed by <code>/v3</code>. It answers 404 to WhatsApp requests, and VS Code refuses it as an apiUrl.</small></p>
</body></html>`;
}
