import * as assert from 'node:assert/strict';
import { InstanceStates } from '../../src/core/instanceStates';
import { STUCK_AFTER_MS } from '../../src/core/linkWatch';
import { STATE_FILTERS, countCategories, filterShows, parseStateFilter, rowCategory } from '../../src/core/stateFilter';
import { InstanceRow, RowStatus } from '../../src/views/instances/protocol';
import { buildRow } from '../../src/views/instances/rowModel';

const instance = { idInstance: '1101000001', name: 'Sales', apiUrl: 'https://1103.api.greenapi.com' };

/** A row as the view gets it, with the given status and the rest plain. */
function row(status: RowStatus, extra: Partial<InstanceRow> = {}): InstanceRow {
  return { ...buildRow(instance, new InstanceStates().get(instance.idInstance), undefined), status, ...extra };
}
const state = (name: string): RowStatus => ({ kind: 'state', state: name });

describe('the Instances view state filter (core/stateFilter)', () => {
  it('puts working links under Linked, and states a phone can be linked in under Not linked', () => {
    assert.equal(rowCategory(row(state('authorized'))), 'linked');
    assert.equal(rowCategory(row(state('notAuthorized'))), 'notLinked');
    assert.equal(rowCategory(row(state('starting'))), 'notLinked');
    assert.equal(rowCategory(row({ kind: 'unchecked' })), 'notLinked');
  });

  it('puts restricted, banned, offline, being created and unknown states under Needs attention, by their state names', () => {
    // yellowCard and suspended: restricted; creating: a null getStateInstance body (BEING_CREATED).
    for (const name of ['yellowCard', 'suspended', 'blocked', 'sleepMode', 'creating', 'pendingCode', 'somethingNew']) {
      assert.equal(rowCategory(row(state(name))), 'attention', name);
    }
  });

  it('puts failed checks, missing tokens and lost links under Needs attention, whatever the state', () => {
    assert.equal(
      rowCategory(row({ kind: 'error', reason: 'token refused (401).', previous: 'authorized', fix: 'edit' })),
      'attention',
    );
    assert.equal(rowCategory(row({ kind: 'tokenNeeded' })), 'attention');
    assert.equal(rowCategory(row(state('notAuthorized'), { dropped: true })), 'attention');
  });

  it('keeps a row being checked under its previous state, so a refresh of every row moves none', () => {
    assert.equal(rowCategory(row({ kind: 'checking', previous: 'authorized' })), 'linked');
    assert.equal(rowCategory(row({ kind: 'checking', previous: 'yellowCard' })), 'attention');
    assert.equal(rowCategory(row({ kind: 'checking', previous: undefined })), 'notLinked');
  });

  it('calls `starting` stuck only past STUCK_AFTER_MS since it began, by the host times of the history and the last check', () => {
    const began = 1_000_000;
    const starting = (checkedAt: number, history = [{ state: 'starting', at: began }]): InstanceRow =>
      row(state('starting'), { checkedAt, history });
    assert.equal(rowCategory(starting(began + STUCK_AFTER_MS)), 'notLinked');
    assert.equal(rowCategory(starting(began + STUCK_AFTER_MS + 1)), 'attention');
    // A history that does not say when `starting` began says nothing about stuck.
    assert.equal(rowCategory(starting(began + 10 * STUCK_AFTER_MS, [])), 'notLinked');
    assert.equal(rowCategory(starting(began + 10 * STUCK_AFTER_MS, [{ state: 'authorized', at: began }])), 'notLinked');
    assert.equal(
      rowCategory(
        row(
          { kind: 'checking', previous: 'starting' },
          { checkedAt: began + STUCK_AFTER_MS + 1, history: [{ state: 'starting', at: began }] },
        ),
      ),
      'attention',
    );
  });

  it('counts each choice, the three categories adding up to All, and shows a row under All and its own category only', () => {
    const rows = [
      state('authorized'),
      state('notAuthorized'),
      state('yellowCard'),
      { kind: 'tokenNeeded' } as const,
      state('creating'),
      state('authorized'),
    ].map((status) => row(status));
    const counts = countCategories(rows.map(rowCategory));
    assert.deepEqual(counts, { all: 6, linked: 2, notLinked: 1, attention: 3 });
    assert.equal(counts.linked + counts.notLinked + counts.attention, counts.all);
    assert.deepEqual(countCategories([]), { all: 0, linked: 0, notLinked: 0, attention: 0 });
    assert.deepEqual(
      STATE_FILTERS.map((filter) => filterShows(filter, 'attention')),
      [true, false, false, true],
    );
  });

  it('reads a stored choice back only when it is one of the choices', () => {
    assert.equal(parseStateFilter('attention'), 'attention');
    for (const stored of [undefined, null, '', 'ATTENTION', 'toString', 3, { filter: 'linked' }]) {
      assert.equal(parseStateFilter(stored), 'all');
    }
  });
});
