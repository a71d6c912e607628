import { TEST_SEAM } from './testSeam';

/**
 * What the three webview hosts posted to their pages, and what happened to their webviews. Made
 * by `activate()` only in `ExtensionMode.Test`, so a production host keeps no message (codes,
 * phone numbers: security review I1); read by the test probe through the test seam. Keyed by host,
 * weakly: a disposed panel takes its record with it, and a panel opened again starts empty.
 */
export class PostRecorder {
  private readonly posts = new WeakMap<object, unknown[]>();
  private readonly events = new WeakMap<object, string[]>();

  /** `message` was posted by `host` (every one is kept: a test reads them all). */
  posted(host: object, message: unknown): void {
    entries(this.posts, host).push(message);
  }

  /** `event` (resolved, shown, hidden, ready, reloaded N, disposed) happened to `host`'s webview, stamped with the UTC time of day: a test that waits in vain says which step never came. */
  noted(host: object, event: string): void {
    entries(this.events, host).push(`${new Date().toISOString().slice(11, 23)} ${event}`);
  }

  /** For the probe: the messages and the events of one host, oldest first (empty when none). */
  [TEST_SEAM](): { posts(host: object): readonly unknown[]; lifecycle(host: object): readonly string[] } {
    return { posts: (host) => this.posts.get(host) ?? [], lifecycle: (host) => this.events.get(host) ?? [] };
  }
}

function entries<T>(map: WeakMap<object, T[]>, host: object): T[] {
  let list = map.get(host);
  if (!list) map.set(host, (list = []));
  return list;
}
