import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.join(__dirname, '..', '..', '..');
/**
 * src/'s folders, top down, one array a layer: the lint config's own list, so a folder added there
 * is probed here. The config is ESM; Node (20.19 and later) loads it through require.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LAYERS } = require(path.join(root, 'eslint.config.mjs')) as { LAYERS: readonly (readonly string[])[] };

/** What a folder may not import although it sits below: the client, for views; each other's insides, for core and api. */
const FORBIDDEN_BELOW: Record<string, readonly string[]> = {
  views: ['api'],
  webview: ['api'],
  core: ['api'],
  api: ['core'],
};

/** The no-restricted-imports messages the project's own lint gives a probe file at `file` holding `code`. */
async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: root }).lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the layers of src/, kept by lint', function () {
  this.timeout(60_000);

  it('refuses, in every folder, an import of every folder above it, and allows those below', async () => {
    for (const [depth, layer] of LAYERS.entries()) {
      for (const folder of layer) {
        const file = `src/${folder}/layerProbe.ts`;
        for (const higher of LAYERS.slice(0, depth).flat()) {
          const said = await refusals(file, `import { x } from '../${higher}/anything';\nexport const y = x;\n`);
          assert.ok(said.length > 0, `src/${folder}/ may import src/${higher}/, which sits above it`);
        }
        for (const lower of LAYERS.slice(depth + 1)
          .flat()
          .filter((name) => !FORBIDDEN_BELOW[folder]?.includes(name))) {
          const said = await refusals(file, `import { x } from '../${lower}/anything';\nexport const y = x;\n`);
          assert.deepEqual(said, [], `src/${folder}/ may not import src/${lower}/, which sits below it`);
        }
      }
    }
  });

  it('keeps vscode out of core/, api/ and base/, and core/ and api/ out of each other', async () => {
    for (const folder of ['core', 'api', 'base']) {
      assert.ok(
        (await refusals(`src/${folder}/layerProbe.ts`, "import * as vscode from 'vscode';\nexport const v = vscode;\n"))
          .length > 0,
        `src/${folder}/ may import vscode`,
      );
    }
    assert.ok(
      (await refusals('src/core/layerProbe.ts', "import { x } from '../api/client';\nexport const y = x;\n")).length >
        0,
      'core/ may import api/',
    );
    assert.ok(
      (await refusals('src/api/layerProbe.ts', "import { x } from '../core/l10n';\nexport const y = x;\n")).length > 0,
      'api/ may import core/',
    );
  });

  it('has a rule for every folder of src/', async () => {
    const fs = await import('node:fs');
    const folders = fs
      .readdirSync(path.join(root, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    assert.deepEqual(
      folders.filter((name) => !LAYERS.flat().includes(name)),
      [],
    );
    const loose = fs
      .readdirSync(path.join(root, 'src'))
      .filter((name) => name.endsWith('.ts') && name !== 'extension.ts');
    assert.deepEqual(loose, [], 'only extension.ts stands at the src/ root');
  });
});
