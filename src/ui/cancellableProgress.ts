import * as vscode from 'vscode';

/**
 * Runs `work` under a cancellable notification progress titled `title` (text already made by
 * t()), handing it an AbortSignal that aborts when the user presses Cancel; settles as `work`
 * does. Follows vscode.window.withProgress with ProgressLocation.Notification.
 */
export function withCancellableProgress<T>(title: string, work: (signal: AbortSignal) => Thenable<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (_progress, cancellation) => {
      const abort = new AbortController();
      cancellation.onCancellationRequested(() => abort.abort());
      return work(abort.signal);
    },
  );
}
