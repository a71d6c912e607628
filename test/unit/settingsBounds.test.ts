import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NUMBER_SETTINGS, NumberSettingKey, OnceEach, checkNumberSetting } from '../../src/core/settingsBounds';
import { MAX_TIMER_MS } from '../../src/base/delays';

const KEYS = Object.keys(NUMBER_SETTINGS) as NumberSettingKey[];

describe('numeric settings out of range fall back to their defaults', () => {
  it('has the same defaults and bounds as package.json, for every numeric setting there', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: {
        configuration: {
          properties: Record<string, { type: string; default: unknown; minimum?: number; maximum?: number }>;
        };
      };
    };
    const numeric = Object.entries(manifest.contributes.configuration.properties).filter(
      ([, property]) => property.type === 'integer' || property.type === 'number',
    );
    assert.deepEqual(numeric.map(([key]) => key.replace(/^greenApi\./, '')).sort(), [...KEYS].sort());
    for (const [key, property] of numeric) {
      const spec = NUMBER_SETTINGS[key.replace(/^greenApi\./, '') as NumberSettingKey];
      assert.deepEqual(
        { default: property.default, min: property.minimum, max: property.maximum },
        { default: spec.default, min: spec.min, max: spec.max },
        key,
      );
    }
  });

  it('uses a whole number within bounds as it is, and the default when nothing is set', () => {
    for (const key of KEYS) {
      const spec = NUMBER_SETTINGS[key];
      assert.deepEqual(checkNumberSetting(key, spec.min), { value: spec.min, problem: undefined });
      assert.deepEqual(checkNumberSetting(key, spec.max), { value: spec.max, problem: undefined });
      assert.deepEqual(checkNumberSetting(key, undefined), { value: spec.default, problem: undefined });
    }
  });

  it('refuses negatives, zero where not allowed, huge values, fractions, NaN and text, naming the setting', () => {
    for (const key of KEYS) {
      const spec = NUMBER_SETTINGS[key];
      for (const raw of [
        spec.min - 1,
        spec.max + 1,
        -1,
        1e12,
        2 ** 31,
        Infinity,
        -Infinity,
        Number.NaN,
        spec.min + 0.5,
        '5',
        true,
        {},
      ]) {
        const { value, problem } = checkNumberSetting(key, raw);
        assert.equal(value, spec.default, `${key} = ${String(raw)}`);
        assert.ok(problem?.includes(`greenApi.${key}`), `${key} = ${String(raw)}: ${problem}`);
      }
    }
  });

  it('every allowed value gives timers below 2^31 − 1 ms and a non-zero poll', () => {
    for (const key of KEYS) {
      assert.ok(NUMBER_SETTINGS[key].max * 1000 < MAX_TIMER_MS);
    }
    assert.ok(NUMBER_SETTINGS.statePollIntervalSeconds.min >= 1);
    assert.ok(NUMBER_SETTINGS.refreshConcurrency.min >= 1);
  });

  it('says each problem once, and a new wrong value again', () => {
    const once = new OnceEach();
    const said: string[] = [];
    const read = (raw: unknown): void => {
      const { problem } = checkNumberSetting('autoRefreshSeconds', raw);
      if (problem !== undefined && once.first(problem)) said.push(problem);
    };
    for (let i = 0; i < 10; i++) read(-1);
    read(60);
    read(1e9);
    read(1e9);
    assert.equal(said.length, 2);
  });
});

describe('every numeric setting is read through readSettings', () => {
  it('no source file but src/platform/config.ts reads a numeric greenApi setting with getConfiguration', () => {
    const root = path.join(__dirname, '..', '..', '..', 'src');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) files.push(full);
      }
    };
    walk(root);
    const offenders = files.filter((file) => {
      if (path.relative(root, file) === path.join('platform', 'config.ts')) return false;
      const text = fs.readFileSync(file, 'utf8');
      return (
        /getConfiguration\(/.test(text) &&
        KEYS.some((key) => text.includes(`'${key}'`) || text.includes(`greenApi.${key}`))
      );
    });
    assert.deepEqual(
      offenders.map((file) => path.relative(root, file)),
      [],
    );
  });
});
