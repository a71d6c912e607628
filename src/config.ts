import * as vscode from 'vscode';

export const SECTION = 'greenApi';

/** The settings, read fresh each time so a change applies without a reload. */
export interface Settings {
  readonly defaultApiUrl: string;
  readonly codeValiditySeconds: number;
  readonly statePollIntervalSeconds: number;
  readonly requestTimeoutSeconds: number;
  readonly authorizationCodeTimeoutSeconds: number;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const number = (key: string, fallback: number, min: number, max: number): number => {
    const value = config.get<number>(key, fallback);
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  };
  return {
    defaultApiUrl: config.get<string>('defaultApiUrl', 'https://api.green-api.com') || 'https://api.green-api.com',
    codeValiditySeconds: number('codeValiditySeconds', 150, 10, 600),
    statePollIntervalSeconds: number('statePollIntervalSeconds', 5, 1, 60),
    requestTimeoutSeconds: number('requestTimeoutSeconds', 15, 1, 120),
    authorizationCodeTimeoutSeconds: number('authorizationCodeTimeoutSeconds', 60, 35, 300),
  };
}
