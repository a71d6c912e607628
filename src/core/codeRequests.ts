/**
 * The getAuthorizationCode requests under way, one per instance. A second request for the same
 * number joins the first (GREEN-API must not be asked twice, see README); one for another number
 * is refused: joining would hand the first number's code to another phone, and a second request
 * could push the instance into `starting`.
 */
export type CodeRequestStart<T> =
  | { readonly kind: 'started' | 'joined'; readonly result: Promise<T> }
  | { readonly kind: 'refused'; readonly phoneInFlight: string };

export class CodeRequestsInFlight<T> {
  private readonly entries = new Map<
    string,
    { readonly phone: string; readonly result: Promise<T>; readonly abort: AbortController }
  >();

  /**
   * Starts `run` for `idInstance`, joins the request under way for the same `phone`
   * (digits), or refuses when the request under way is for another phone.
   * @param run receives the controller that `cancel` aborts; its promise is shared by every joiner.
   */
  request(idInstance: string, phone: string, run: (abort: AbortController) => Promise<T>): CodeRequestStart<T> {
    const current = this.entries.get(idInstance);
    if (current) {
      return current.phone === phone
        ? { kind: 'joined', result: current.result }
        : { kind: 'refused', phoneInFlight: current.phone };
    }
    const abort = new AbortController();
    const entry = {
      phone,
      abort,
      result: run(abort).finally(() => {
        if (this.entries.get(idInstance) === entry) this.entries.delete(idInstance);
      }),
    };
    this.entries.set(idInstance, entry);
    return { kind: 'started', result: entry.result };
  }

  /** Whether a request for this instance is under way. */
  has(idInstance: string): boolean {
    return this.entries.has(idInstance);
  }

  /** Aborts the request under way for this instance, if any. */
  cancel(idInstance: string): void {
    this.entries.get(idInstance)?.abort.abort();
  }

  /** Aborts every request under way (at deactivate). */
  cancelAll(): void {
    this.entries.forEach(({ abort }) => abort.abort());
  }

  /** How many requests are under way; for the tests. */
  get size(): number {
    return this.entries.size;
  }
}
