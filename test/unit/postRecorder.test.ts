import * as assert from 'node:assert/strict';
import { PostRecorder } from '../../src/base/postRecorder';
import { TEST_SEAM } from '../../src/base/testSeam';

describe('PostRecorder: what the webview hosts posted, for the test probe only', () => {
  it('keeps every message and event under the host that posted it, oldest first', () => {
    const recorder = new PostRecorder();
    const view = {};
    const panel = {};
    for (let i = 0; i < 60; i++) recorder.posted(panel, { type: 'linkView', i });
    recorder.posted(view, { type: 'init' });
    recorder.noted(view, 'resolved (visible true)');
    const seam = recorder[TEST_SEAM]();
    assert.equal(seam.posts(panel).length, 60, 'no ring: a test reads every post');
    assert.deepEqual(seam.posts(panel)[0], { type: 'linkView', i: 0 });
    assert.deepEqual(seam.posts(view), [{ type: 'init' }]);
    assert.match(seam.lifecycle(view)[0] ?? '', /^\d\d:\d\d:\d\d\.\d\d\d resolved \(visible true\)$/);
    assert.deepEqual(seam.lifecycle(panel), []);
  });

  it('starts empty for a host it has not heard from (a panel opened again)', () => {
    const seam = new PostRecorder()[TEST_SEAM]();
    assert.deepEqual(seam.posts({}), []);
    assert.deepEqual(seam.lifecycle({}), []);
  });
});
