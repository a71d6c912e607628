import * as vscode from 'vscode';

/**
 * Disposables owned together and disposed last-registered first, so that whatever was built
 * on top of another goes before it (the pattern of VS Code's own `DisposableStore`,
 * src/vs/base/common/lifecycle.ts). A disposable added after `dispose()` is disposed at once.
 */
export class DisposableStore implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  /** Owns `disposable` and returns it. */
  add<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.owned.push(disposable);
    return disposable;
  }

  /** Disposes everything owned, in reverse order of `add`; later calls do nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const disposable of this.owned.splice(0).reverse()) disposable.dispose();
  }
}

/** Owns the disposables it registers and disposes them in reverse order. */
export abstract class Disposable implements vscode.Disposable {
  private readonly store = new DisposableStore();

  protected register<T extends vscode.Disposable>(disposable: T): T {
    return this.store.add(disposable);
  }

  dispose(): void {
    this.store.dispose();
  }
}
