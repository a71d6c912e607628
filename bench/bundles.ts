import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../test/harness/codeServer';
import { BenchRow } from './report';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { translationSizes } = require('../../scripts/vsix-contents.js') as {
  translationSizes(vsix: string): { locale: string; bytes: number }[];
};

const KB = 1024;

/** The part of esbuild's metafile this reads: each output file and the inputs it holds. */
interface Metafile {
  readonly outputs: Record<
    string,
    { readonly bytes: number; readonly inputs: Record<string, { readonly bytesInOutput: number }> }
  >;
}

function readMeta(name: string): Metafile {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'out', 'esbuild-meta', `${name}.json`), 'utf8')) as Metafile;
}

/** The JavaScript outputs of a metafile, each with the inputs that put bytes into it. */
function jsOutputs(meta: Metafile): Map<string, { bytes: number; inputs: string[] }> {
  const outputs = new Map<string, { bytes: number; inputs: string[] }>();
  for (const [file, output] of Object.entries(meta.outputs)) {
    if (!file.endsWith('.js')) continue;
    outputs.set(file, {
      bytes: output.bytes,
      inputs: Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([input]) => input),
    });
  }
  return outputs;
}

/**
 * What the build ships, read from esbuild's metafiles (out/esbuild-meta/): modules in more than
 * one host bundle (must be none: one copy, one socket pool, a working `instanceof`), our shipped
 * JavaScript but the phone library, that library alone and the bundles holding it (must be one),
 * and the .vsix. Needs `npm run build` first.
 */
export function measureBundles(): BenchRow[] {
  const host = jsOutputs(readMeta('extension'));
  const webview = jsOutputs(readMeta('instances'));
  const process = 'build output' as const;
  const holders = new Map<string, string[]>();
  for (const [file, output] of host) {
    for (const input of output.inputs) holders.set(input, [...(holders.get(input) ?? []), file]);
  }
  const copies = [...holders].filter(([, files]) => files.length > 1);
  const phoneFile = 'dist/phoneLibrary.js';
  const phone = host.get(phoneFile);
  if (!phone) throw new Error(`${phoneFile} is not in the extension build's metafile`);
  const holdsPhoneLibrary = (output: { inputs: string[] }): boolean =>
    output.inputs.some((input) => input.includes('node_modules/libphonenumber-js/'));
  if (!holdsPhoneLibrary(phone)) throw new Error(`${phoneFile} does not hold libphonenumber-js`);
  const otherPhoneHolders = [...host, ...webview].filter(
    ([file, output]) => file !== phoneFile && holdsPhoneLibrary(output),
  );
  const ours = [...host, ...webview].filter(([file]) => file !== phoneFile);
  const oursBytes = ours.reduce((sum, [, output]) => sum + output.bytes, 0);
  const vsix = path.join(REPO_ROOT, 'green-api-link.vsix');
  execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--out', vsix], { cwd: REPO_ROOT, stdio: 'ignore' });
  const perLocale = translationSizes(vsix).map(({ bytes }) => bytes);
  const translations = { total: perLocale.reduce((sum, bytes) => sum + bytes, 0), largest: Math.max(...perLocale) };
  return [
    {
      group: 'bundles',
      name: `modules in more than one extension-host bundle (${[...host.keys()].join(', ')})`,
      value: copies.length,
      unit: '',
      max: 0,
      process,
      note: copies.length
        ? copies
            .slice(0, 5)
            .map(([input, files]) => `${input} in ${files.join(' and ')}`)
            .join('; ')
        : 'esbuild metafile',
    },
    {
      group: 'size',
      name: 'our shipped JavaScript in total, the phone library apart',
      value: oursBytes / KB,
      unit: 'KB',
      max: 100,
      process,
      note: ours.map(([file, output]) => `${path.basename(file)} ${(output.bytes / KB).toFixed(1)} KB`).join(', '),
    },
    {
      group: 'size',
      name: 'dist/phoneLibrary.js: libphonenumber-js with its min metadata, loaded on the first number read',
      value: phone.bytes / KB,
      unit: 'KB',
      max: undefined,
      process,
    },
    {
      group: 'bundles',
      name: `bundles besides ${phoneFile} holding libphonenumber-js`,
      value: otherPhoneHolders.length,
      unit: '',
      max: 0,
      process,
      note: otherPhoneHolders.map(([file]) => file).join(', ') || undefined,
    },
    {
      group: 'size',
      name: 'webview: instances.js + instances.css',
      value:
        (fs.statSync(path.join(REPO_ROOT, 'dist/webview/instances.js')).size +
          fs.statSync(path.join(REPO_ROOT, 'dist/webview/instances.css')).size) /
        KB,
      unit: 'KB',
      max: 40,
      process,
      note: 'codicons font excluded',
    },
    {
      group: 'size',
      name: '.vsix without its translations',
      value: (fs.statSync(vsix).size - translations.total) / KB,
      unit: 'KB',
      max: 300,
      process,
      note: `${(fs.statSync(vsix).size / KB).toFixed(0)} KB with them`,
    },
    {
      group: 'size',
      name: `the largest of the ${perLocale.length} translations in the .vsix (bundle and manifest, compressed; VS Code loads one)`,
      value: translations.largest / KB,
      unit: 'KB',
      max: 24,
      process,
    },
  ];
}
