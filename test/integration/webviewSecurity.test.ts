import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestProbe } from '../../src/extension';
import { EXTENSION_ID, Listed, run, useEmulator } from './helpers';

describe('Instances view security', () => {
  const env = useEmulator();
  const probe = (): TestProbe => vscode.extensions.getExtension<TestProbe>(EXTENSION_ID)?.exports as TestProbe;

  it('serves HTML with a strict CSP: default none, scripts only by a fresh nonce, no inline script, no eval', () => {
    const panel = vscode.window.createWebviewPanel('greenApi.cspTest', 'CSP test', vscode.ViewColumn.One, {});
    try {
      const root = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'dist', 'webview');
      const html = probe().instancesView.renderHtml(panel.webview, root);
      const again = probe().instancesView.renderHtml(panel.webview, root);
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
      const directives = new Map(
        csp
          .split(';')
          .map((part) => part.trim().split(/\s+/))
          .map(([name = '', ...values]) => [name, values]),
      );
      assert.deepEqual(directives.get('default-src'), ["'none'"]);
      const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(directives.get('script-src')?.[0] ?? '')?.[1];
      assert.ok(nonce, `script-src is not nonce-only: ${csp}`);
      assert.equal(directives.get('script-src')?.length, 1);
      assert.ok(!csp.includes('unsafe-eval') && !csp.includes('unsafe-inline'), csp);
      assert.deepEqual(directives.get('style-src'), panel.webview.cspSource.split(/\s+/));
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      assert.equal(scripts.length, 1);
      for (const [, attributes, body] of scripts) {
        assert.match(attributes ?? '', new RegExp(`nonce="${nonce!.replace(/[+/=]/g, '\\$&')}"`));
        assert.match(attributes ?? '', /src="[^"]+instances\.js"/);
        assert.equal((body ?? '').trim(), '', 'inline script found');
      }
      assert.ok(!/\son[a-z]+=/i.test(html), 'inline event handler found');
      assert.ok(!html.includes(nonce!) || !again.includes(nonce!), 'the nonce must change on every render');
    } finally {
      panel.dispose();
    }
  });

  it('ignores forged messages: unknown types, unknown instances, prototype keys, huge payloads', async () => {
    const instance = await env.add({ name: 'Target' });
    const view = probe().instancesView;
    const forged: unknown[] = [
      {
        type: 'runCommand',
        command: 'greenApi.removeInstance',
        args: { idInstance: instance.idInstance, skipConfirmation: true },
      },
      { type: 'rowAction', action: 'remove', idInstance: '9999999999' },
      { type: 'rowAction', action: 'delete', idInstance: instance.idInstance },
      JSON.parse(
        `{"type":"rowAction","action":"refresh","idInstance":"${instance.idInstance}","__proto__":{"skipConfirmation":true}}`,
      ),
      { type: 'rowAction', action: 'refresh', idInstance: instance.idInstance, padding: 'x'.repeat(1_000_000) },
      { type: 'rowAction', action: 'refresh', idInstance: Number(instance.idInstance) },
      'rowAction',
      null,
      [{ type: 'ready' }],
    ];
    for (const message of forged) view.handleMessage(message);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(
      (await run<Listed[]>('greenApi.listInstances')).map((i) => i.idInstance),
      [instance.idInstance],
    );
    assert.equal(instance.calls.getStateInstance, undefined, 'a forged refresh reached GREEN-API');
  });
});
