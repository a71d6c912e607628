import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND, WALKTHROUGH_CONTEXT, WALKTHROUGH_ID } from '../../src/core/manifestIds';

const ROOT = path.join(__dirname, '..', '..', '..');
interface Manifest {
  contributes: {
    commands: { command: string; title: string; category: string; icon: string }[];
    configuration: {
      properties: Record<
        string,
        { markdownDescription?: string; description?: string; scope?: string; default?: unknown }
      >;
    };
    views: Record<string, { id: string }[]>;
    walkthroughs: {
      steps: {
        id: string;
        description: string;
        media: { image: Record<'light' | 'dark' | 'hc' | 'hcLight', string>; altText: string };
        completionEvents: string[];
      }[];
    }[];
  };
}
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** A manifest string, or the English text its %key% stands for. */
const text = (value: string | undefined): string =>
  value && /^%.+%$/.test(value) ? (nls[value.slice(1, -1)] ?? '') : (value ?? '');

describe('the manifest', () => {
  const commands = new Set(manifest.contributes.commands.map((command) => command.command));
  const views = new Set(
    Object.values(manifest.contributes.views)
      .flat()
      .map((view) => `${view.id}.focus`),
  );

  it('contributes exactly the command ids the code names in COMMAND', () => {
    assert.deepEqual([...commands].sort(), Object.values(COMMAND).sort());
  });

  it('gives every command a title, the GREEN-API category and a codicon', () => {
    for (const command of manifest.contributes.commands) {
      assert.ok(text(command.title).length > 3, command.command);
      assert.equal(text(command.category), 'GREEN-API', command.command);
      assert.match(command.icon, /^\$\([a-z-]+\)$/, command.command);
    }
  });

  it('describes every setting, with a default and a scope', () => {
    const properties = Object.entries(manifest.contributes.configuration.properties);
    assert.ok(properties.length >= 6);
    for (const [key, property] of properties) {
      assert.ok(text(property.markdownDescription ?? property.description).length > 20, key);
      assert.notEqual(property.default, undefined, key);
      assert.ok(property.scope, key);
    }
  });

  it('has a walkthrough whose images exist in a light and a dark variant and whose links run real commands', () => {
    const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);
    assert.ok(steps.length >= 4);
    for (const step of steps) {
      const { light, dark, hc, hcLight } = step.media.image;
      assert.notEqual(light, dark, `${step.id}: the light and dark themes show the same picture`);
      // High contrast (dark) shows the dark picture, high contrast light the light one.
      assert.equal(hc, dark, `${step.id}: hc`);
      assert.equal(hcLight, light, `${step.id}: hcLight`);
      for (const file of [light, dark]) {
        const image = path.join(ROOT, file);
        assert.ok(fs.existsSync(image), `${step.id}: ${file} is missing`);
        assert.ok(fs.statSync(image).size < 30 * 1024, `${step.id}: keep walkthrough images small for the .vsix`);
      }
      assert.ok(text(step.media.altText).length > 10, `${step.id}: alt text`);
      for (const [, command] of text(step.description).matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(
          commands.has(command ?? '') || views.has(command ?? ''),
          `${step.id} links to unknown command ${command}`,
        );
      }
      for (const event of step.completionEvents) {
        const [kind, name] = event.split(':');
        if (kind === 'onCommand') assert.ok(commands.has(name ?? ''), `${step.id}: ${event}`);
        // A key no code sets would leave the step unticked for good.
        if (kind === 'onContext') {
          assert.ok((Object.values(WALKTHROUGH_CONTEXT) as string[]).includes(name ?? ''), `${step.id}: ${event}`);
        }
      }
    }
  });

  it("names the walkthrough as VS Code's openWalkthrough command does: publisher.name#id", () => {
    const raw = manifest as unknown as {
      publisher: string;
      name: string;
      contributes: { walkthroughs: { id: string }[] };
    };
    assert.equal(WALKTHROUGH_ID, `${raw.publisher}.${raw.name}#${raw.contributes.walkthroughs[0]?.id}`);
  });

  it('runs on either side of a remote connection, in virtual workspaces and, limited, in Restricted Mode', () => {
    const raw = manifest as unknown as {
      extensionKind?: string[];
      capabilities?: {
        virtualWorkspaces?: unknown;
        untrustedWorkspaces?: { supported?: unknown; description?: string; restrictedConfigurations?: string[] };
      };
    };
    assert.deepEqual(raw.extensionKind, ['ui', 'workspace']);
    assert.equal(raw.capabilities?.virtualWorkspaces, true);
    const untrusted = raw.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.match(text(untrusted?.description), /\.env/);
    // An untrusted folder must not choose the host a token is sent to.
    assert.deepEqual(untrusted?.restrictedConfigurations, ['greenApi.instances']);
    assert.equal(manifest.contributes.configuration.properties['greenApi.instances']?.scope, 'window');
  });
});
