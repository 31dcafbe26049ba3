import { describe, expect, it } from 'vitest';
import { actor, ev, HAPPY_PATH, reach } from './fixtures';
import {
  acceptedEventTypes, decide, eventsForRole, explain, initialProjectSnapshot, migrateSnapshot,
  PROJECT_MACHINE_VERSION, stageOf, STAGES, type SnapshotMigration,
} from './runtime';
import { EVENT_ROLES, EVENT_TYPES, type ProjectMachineEvent } from './types';

describe('initial snapshot and happy path', () => {
  it('starts in bidding as plain JSON', () => {
    const s = initialProjectSnapshot();
    expect(s).toMatchObject({ machineVersion: PROJECT_MACHINE_VERSION, value: 'bidding', status: 'active' });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
  it('walks to closed through JSON round trips, reporting stages and effects', () => {
    let snap = initialProjectSnapshot();
    const effects: string[] = [];
    for (const [, event] of HAPPY_PATH) {
      const d = decide(JSON.parse(JSON.stringify(snap)), JSON.parse(JSON.stringify(event)));
      expect(d.ok, JSON.stringify(d)).toBe(true);
      if (!d.ok) return;
      expect(d.fromStage).toBe(stageOf(snap.value));
      effects.push(...d.effects.map((e) => String(e.params?.template ?? e.name)));
      snap = d.snapshot;
    }
    expect(snap).toMatchObject({ value: 'closed', status: 'done' });
    expect(effects).toEqual(expect.arrayContaining([
      'decisionRequested', 'vendorAwarded', 'acceptanceRequested', 'projectAccepted', 'settlementSubmitted',
      'settlementApproved', 'warrantyExpiring', 'warrantyExpired', 'retentionDue', 'projectClosed',
    ]));
  });
});

describe('refusals common to all events', () => {
  it.each(EVENT_TYPES.filter((t) => t !== 'TICK'))('%s from a vendor → ROLE_NOT_ALLOWED only', (type) => {
    // Every event is tried in a state that accepts it, so the refusal is about the role.
    const state = { SIGN: 'acceptanceReview.awaitingSupervisor', REJECT_ACCEPTANCE: 'acceptanceReview.awaitingSupervisor' }[type as string];
    const where = state ?? HAPPY_PATH.find(([label]) => acceptedEventTypes(reach(label)).includes(type))?.[0] ?? 'bidding';
    const d = decide(reach(where), { ...ev(type), actor: actor('vendor') } as ProjectMachineEvent);
    expect(!d.ok && d.refusals).toEqual([{ code: 'ROLE_NOT_ALLOWED', params: { role: 'vendor' } }]);
  });
  it('event not accepted in this stage', () => {
    const d = decide(initialProjectSnapshot(), ev('SIGN'));
    expect(d).toEqual({ ok: false, kind: 'refused', refusals: [{ code: 'EVENT_NOT_ALLOWED_IN_STAGE', params: { event: 'SIGN', stage: 'bidding' } }] });
  });
  it('nothing is accepted after closing', () => {
    const d = decide(reach('closed'), ev('TICK', { at: '2030-01-01T00:00:00Z' }));
    expect(!d.ok && d.refusals[0].code).toBe('EVENT_NOT_ALLOWED_IN_STAGE');
  });
  it('a TICK that changes nothing is refused so the scheduler writes nothing', () => {
    const d = decide(reach('handover'), ev('TICK', { at: '2025-07-01T00:00:00Z' }));
    expect(d).toEqual({ ok: false, kind: 'refused', refusals: [{ code: 'NOTHING_DUE' }] });
  });
  it('malformed events are refused, never thrown', () => {
    const bad: unknown[] = [null, {}, { type: 'NOPE' }, { ...ev('AWARD'), at: 'yesterday' },
      { ...ev('AWARD'), facts: undefined }, { ...ev('SUBMIT_FOR_DECISION'), facts: { validQuotes: 'x' } }];
    for (const e of bad) {
      const snap = e && (e as { type?: string }).type === 'SUBMIT_FOR_DECISION' ? reach('bidding') : reach('awaitingDecision');
      const d = decide(snap, e as ProjectMachineEvent);
      expect(d).toMatchObject({ ok: false, kind: 'refused', refusals: [{ code: 'EVENT_INVALID' }] });
    }
  });
});

describe('snapshots and versions', () => {
  // Pretend the running machine is v2 and v1 snapshots lacked context.awardedVendorId.
  const oldV1 = () => {
    const { context, ...rest } = reach('awaitingDecision');
    const { awardedVendorId: _a, ...oldContext } = context;
    return { ...rest, machineVersion: 1, context: oldContext };
  };
  const migrations: Record<number, SnapshotMigration> = {
    1: (s) => ({ ...s, context: { ...(s.context as object), awardedVendorId: null } }),
  };
  it('an old snapshot is migrated, then decided', () => {
    expect(decide(oldV1(), ev('AWARD'))).toMatchObject({ ok: false, kind: 'badSnapshot' }); // unmigrated: corrupt
    const d = decide(oldV1(), ev('AWARD'), { migrations, current: 2 });
    expect(d.ok && d.snapshot).toMatchObject({ machineVersion: 2, value: 'contracting', context: { awardedVendorId: 'v1' } });
  });
  it('an old snapshot without a migration path is refused cleanly', () => {
    expect(decide(oldV1(), ev('AWARD'), { migrations: {}, current: 2 })).toEqual({
      ok: false, kind: 'badSnapshot', refusals: [{ code: 'SNAPSHOT_VERSION_UNSUPPORTED', params: { version: 1, current: 2 } }],
    });
  });
  it('a newer version is refused cleanly', () => {
    const newer = { ...initialProjectSnapshot(), machineVersion: PROJECT_MACHINE_VERSION + 1 };
    expect(migrateSnapshot(newer)).toEqual({ ok: false, refusals: [{ code: 'SNAPSHOT_VERSION_UNSUPPORTED', params: { version: 2, current: 1 } }] });
    expect(decide(newer, ev('SUBMIT_FOR_DECISION'))).toMatchObject({ ok: false, kind: 'badSnapshot' });
  });
  it.each([
    ['null', null], ['string', 'bidding'], ['no version', { value: 'bidding' }],
    ['unknown state', { ...initialProjectSnapshot(), value: 'nowhere' }],
    ['unknown substate', { ...initialProjectSnapshot(), value: { entryReview: 'nobody' } }],
    ['context garbage', { ...initialProjectSnapshot(), context: { awardedVendorId: 42 } }],
    ['no context', { ...initialProjectSnapshot(), context: undefined }],
  ])('garbage snapshot (%s) → badSnapshot SNAPSHOT_INVALID, no throw', (_n, snap) => {
    const d = decide(snap, ev('SUBMIT_FOR_DECISION'));
    expect(d).toMatchObject({ ok: false, kind: 'badSnapshot', refusals: [{ code: 'SNAPSHOT_INVALID' }] });
    expect(acceptedEventTypes(snap)).toEqual([]);
  });
});

describe('introspection', () => {
  it('stageOf', () => {
    expect(stageOf('bidding')).toBe('bidding');
    expect(stageOf({ handover: { settlement: 'draft', warranty: 'active', archive: 'pending' } })).toBe('handover');
    expect(STAGES).toHaveLength(11);
  });
  it('acceptedEventTypes ignores guards; eventsForRole intersects EVENT_ROLES', () => {
    expect(acceptedEventTypes(reach('awaitingDecision')).sort()).toEqual(['AWARD', 'CANCEL', 'REOPEN_BIDDING']);
    expect(eventsForRole(reach('awaitingDecision'), 'pm')).toEqual([]);
    expect(acceptedEventTypes(reach('handover')).sort())
      .toEqual(['ARCHIVE', 'SUBMIT_SETTLEMENT', 'TICK']);
    expect(eventsForRole(reach('handover'), 'pm').sort()).toEqual(['ARCHIVE', 'SUBMIT_SETTLEMENT']);
    expect(eventsForRole(reach('handover'), 'system')).toEqual(['TICK']);
    expect(eventsForRole(reach('entryReview.awaitingClient'), 'client').sort()).toEqual(['APPROVE_COMMENCEMENT', 'REJECT_COMMENCEMENT']);
  });
  it('every event type has roles', () => {
    for (const t of EVENT_TYPES) expect(EVENT_ROLES[t].length).toBeGreaterThan(0);
  });
  it('explain matches decide', () => {
    const snap = reach('bidding');
    expect(explain(snap, ev('SUBMIT_FOR_DECISION'))).toEqual([]);
    const e = ev('SUBMIT_FOR_DECISION', { facts: { validQuotes: [] } });
    const d = decide(snap, e);
    expect(!d.ok && d.refusals).toEqual(explain(snap, e));
  });
});
