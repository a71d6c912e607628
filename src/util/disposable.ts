import * as vscode from 'vscode';

/** Owns the disposables it registers and disposes them in reverse order. */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected register<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) {
      disposable.dispose();
    } else {
      this.owned.push(disposable);
    }
    return disposable;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const disposable of this.owned.splice(0).reverse()) {
      disposable.dispose();
    }
  }
}

/** A timer as a Disposable, so it can be registered like anything else. */
export function disposableTimeout(callback: () => void, ms: number): vscode.Disposable {
  const handle = setTimeout(callback, ms);
  return new vscode.Disposable(() => clearTimeout(handle));
}
