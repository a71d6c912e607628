import * as vscode from 'vscode';
import { NumberSettingKey, OnceEach, checkNumberSetting } from '../core/settingsBounds';
import { SortOrder, parseSortOrder } from '../core/instanceOrder';
import { RowDensity, parseRowDensity } from '../core/rowDensity';

export const SECTION = 'greenApi';

/** The settings, read fresh each time so a change applies without a reload. */
export interface Settings {
  readonly defaultApiUrl: string;
  readonly codeValiditySeconds: number;
  readonly statePollIntervalSeconds: number;
  readonly requestTimeoutSeconds: number;
  readonly authorizationCodeTimeoutSeconds: number;
  /** 0 turns auto-refresh off. */
  readonly autoRefreshSeconds: number;
  readonly refreshConcurrency: number;
  /** The background watch's interval; 0 turns it off, anything else is at least {@link MIN_WATCH_INTERVAL_SECONDS}. */
  readonly watchIntervalSeconds: number;
}

/** The shortest interval of the background watch: GREEN-API allows 1 getStateInstance a second, and a watch need not come near. */
export const MIN_WATCH_INTERVAL_SECONDS = 10;

let warn: (message: string) => void = () => undefined;
const warned = new OnceEach();

/** Where a refused setting is reported (the log); set once at activation. */
export function reportSettingProblemsTo(sink: (message: string) => void): void {
  warn = sink;
}

/** Reads the settings; an out-of-range number falls back to its default, with one warning in the log. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const number = (key: NumberSettingKey): number => {
    const { value, problem } = checkNumberSetting(key, config.get<unknown>(key));
    if (problem !== undefined && warned.first(problem)) warn(problem);
    return value;
  };
  return {
    defaultApiUrl: config.get<string>('defaultApiUrl', 'https://api.green-api.com') || 'https://api.green-api.com',
    codeValiditySeconds: number('codeValiditySeconds'),
    statePollIntervalSeconds: number('statePollIntervalSeconds'),
    requestTimeoutSeconds: number('requestTimeoutSeconds'),
    authorizationCodeTimeoutSeconds: number('authorizationCodeTimeoutSeconds'),
    autoRefreshSeconds: number('autoRefreshSeconds'),
    refreshConcurrency: number('refreshConcurrency'),
    watchIntervalSeconds: ((seconds) => (seconds === 0 ? 0 : Math.max(MIN_WATCH_INTERVAL_SECONDS, seconds)))(
      number('watchIntervalSeconds'),
    ),
  };
}

/**
 * The Instances view's settings (greenApi.instancesView.*): its order and its rows' density;
 * an unknown value reads as the default (by name, comfortable).
 */
export function readInstancesViewSettings(): { readonly sortOrder: SortOrder; readonly density: RowDensity } {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    sortOrder: parseSortOrder(config.get<unknown>('instancesView.sortOrder')),
    density: parseRowDensity(config.get<unknown>('instancesView.density')),
  };
}

/** Writes one of the Instances view's settings for the user (every window follows), as its title menu does. */
export async function updateInstancesViewSetting(key: 'sortOrder' | 'density', value: string): Promise<void> {
  await vscode.workspace
    .getConfiguration(SECTION)
    .update(`instancesView.${key}`, value, vscode.ConfigurationTarget.Global);
}
