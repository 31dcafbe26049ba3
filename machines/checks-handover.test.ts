// Refusals and happy cases for acceptance signing, cancellation and the handover regions.
import { describe, expect, it } from 'vitest';
import { actor, AGREED, ev, reach } from './fixtures';
import { decide } from './runtime';
import type { Party, ProjectMachineEvent } from './types';

function refuses(state: string, event: ProjectMachineEvent, code: string, params?: Record<string, unknown>) {
  const snap = reach(state);
  const before = structuredClone(snap);
  const d = decide(snap, event);
  expect(d.ok).toBe(false);
  if (d.ok) return;
  const hit = d.refusals.find((r) => r.code === code);
  expect(hit, JSON.stringify(d.refusals)).toBeDefined();
  if (params) expect(hit?.params).toMatchObject(params);
  expect(snap).toEqual(before);
}
const sign = (party: Party, signed: Party[], required?: Party[]) =>
  ev('SIGN', { actor: actor(party), facts: { signedParties: signed, ...(required ? { requiredParties: required } : {}) } });

describe('SIGN', () => {
  const AS = 'acceptanceReview.awaitingSupervisor';
  const AP = 'acceptanceReview.awaitingParties';
  it('supervisor → awaitingParties', () => {
    const d = decide(reach(AS), sign('supervisor', []));
    expect(d.ok && d.toValue).toEqual({ acceptanceReview: 'awaitingParties' });
  });
  it('supervisor alone required → handover directly', () => {
    const d = decide(reach(AS), sign('supervisor', [], ['supervisor']));
    expect(d.ok && d.toStage).toBe('handover');
  });
  it('a non-final signature stays but is a recorded transition', () => {
    const d = decide(reach(AP), sign('client', ['supervisor']));
    expect(d.ok).toBe(true);
    expect(d.ok && d.toValue).toEqual({ acceptanceReview: 'awaitingParties' });
    expect(d.ok && d.effects).toEqual([{ name: 'notify', params: { template: 'acceptanceSigned' } }]);
  });
  it('last signature → handover with acceptance and warranty dates', () => {
    const d = decide(reach(AP), sign('designer', ['supervisor', 'client']));
    expect(d.ok && d.toValue).toEqual({ handover: { settlement: 'draft', warranty: 'active', archive: 'pending' } });
    expect(d.ok && d.snapshot.context).toMatchObject({ acceptedOn: AGREED, warrantyEndsOn: '2026-06-10' });
    expect(d.ok && d.effects).toContainEqual({ name: 'notify', params: { template: 'projectAccepted' } });
  });
  it('ACCEPTANCE_DATE_NOT_REACHED: nobody signs before the agreed day (Shanghai)', () => {
    refuses(AS, ev('SIGN', { at: '2025-06-09T15:59:59Z' }), 'ACCEPTANCE_DATE_NOT_REACHED', { date: AGREED });
    expect(decide(reach(AS), ev('SIGN', { at: '2025-06-09T16:00:00Z' })).ok).toBe(true);
  });
  it('ACCEPTANCE_DATE_MISSING', () => refuses(AS, ev('SIGN', { facts: { agreedDate: null } }), 'ACCEPTANCE_DATE_MISSING'));
  it('WAITING_FOR_OTHER_PARTY: client before supervisor', () => refuses(AS, sign('client', []), 'WAITING_FOR_OTHER_PARTY', { party: 'supervisor' }));
  it('ALREADY_SIGNED', () => refuses(AP, sign('supervisor', ['supervisor']), 'ALREADY_SIGNED', { party: 'supervisor' }));
  it('NOT_A_SIGNING_PARTY', () => refuses(AP, sign('designer', ['supervisor'], ['supervisor', 'client']), 'NOT_A_SIGNING_PARTY', { party: 'designer' }));
});

describe('REQUEST_ACCEPTANCE / REVISE_ACCEPTANCE', () => {
  it.each([
    ['yesterday', '2025-05-31'], ['beyond 180 days', '2025-11-29'], ['not a date', '2025-02-30'], ['empty', ''],
  ])('ACCEPTANCE_DATE_INVALID: %s', (_name, acceptanceDate) =>
    refuses('construction', ev('REQUEST_ACCEPTANCE', { payload: { acceptanceDate } }), 'ACCEPTANCE_DATE_INVALID', { today: '2025-06-01' }));
  it('today and the 180th day are accepted', () => {
    for (const acceptanceDate of ['2025-06-01', '2025-11-28']) {
      expect(decide(reach('construction'), ev('REQUEST_ACCEPTANCE', { payload: { acceptanceDate } })).ok).toBe(true);
    }
  });
  it('a revision re-enters the review: links go out again and signatures are voided', () => {
    const d = decide(reach('acceptanceReview.awaitingParties'), ev('REVISE_ACCEPTANCE'));
    expect(d.ok && d.toValue).toEqual({ acceptanceReview: 'awaitingSupervisor' });
    expect(d.ok && d.effects).toEqual([
      { name: 'endAcceptanceRound', params: { voidSignatures: true } },
      { name: 'notify', params: { template: 'acceptanceRequested' } },
    ]);
  });
  it('a revision needs a reason and still meets the preconditions', () => {
    refuses('acceptanceReview.awaitingSupervisor', ev('REVISE_ACCEPTANCE', { payload: { reason: ' ' } }), 'REASON_REQUIRED');
    refuses('acceptanceReview.awaitingSupervisor', ev('REVISE_ACCEPTANCE', { facts: { openRectifications: 1 } }), 'RECTIFICATIONS_OPEN');
    refuses('handover', ev('REVISE_ACCEPTANCE'), 'EVENT_NOT_ALLOWED_IN_STAGE');
  });
});

describe('REJECT_ACCEPTANCE', () => {
  it('supervisor rejects → construction, rectifications effect', () => {
    const d = decide(reach('acceptanceReview.awaitingSupervisor'), ev('REJECT_ACCEPTANCE'));
    expect(d.ok && d.toValue).toBe('construction');
    expect(d.ok && d.effects).toEqual([
      { name: 'createRectifications', params: { items: ['风管保温破损'] } },
      { name: 'endAcceptanceRound', params: { voidSignatures: false } },
      { name: 'notify', params: { template: 'acceptanceRejected' } },
    ]);
  });
  it('designer rejects in awaitingParties', () => {
    const d = decide(reach('acceptanceReview.awaitingParties'), ev('REJECT_ACCEPTANCE', { actor: actor('designer') }));
    expect(d.ok && d.snapshot.context.lastRejection?.by).toBe('designer');
  });
  it('REJECTION_ITEMS_REQUIRED', () => refuses('acceptanceReview.awaitingSupervisor', ev('REJECT_ACCEPTANCE', { payload: { items: [' '] } }), 'REJECTION_ITEMS_REQUIRED'));
  it('WAITING_FOR_OTHER_PARTY', () => refuses('acceptanceReview.awaitingSupervisor', ev('REJECT_ACCEPTANCE', { actor: actor('client') }), 'WAITING_FOR_OTHER_PARTY'));
  it('WAITING_FOR_OTHER_PARTY (supervisor after signing)', () =>
    refuses('acceptanceReview.awaitingParties', ev('REJECT_ACCEPTANCE'), 'WAITING_FOR_OTHER_PARTY', { party: 'client,designer' }));
});

describe('CANCEL', () => {
  it('happy records stage and reason', () => {
    const d = decide(reach('entryReview.awaitingClient'), ev('CANCEL'));
    expect(d.ok && d.snapshot.context).toMatchObject({ cancelledFrom: 'entryReview', cancelReason: '甲方取消工程' });
    expect(d.ok && d.snapshot.status).toBe('done');
    expect(d.ok && d.effects).toEqual([{ name: 'notify', params: { template: 'projectCancelled' } }]);
  });
  it('REASON_REQUIRED', () => refuses('survey', ev('CANCEL', { payload: { reason: '' } }), 'REASON_REQUIRED'));
  it('not after acceptance', () => refuses('handover', ev('CANCEL'), 'EVENT_NOT_ALLOWED_IN_STAGE', { stage: 'handover' }));
});

describe('settlement', () => {
  it('SETTLEMENT_MISSING', () => refuses('handover', ev('SUBMIT_SETTLEMENT', { facts: { settlement: null } }), 'SETTLEMENT_MISSING'));
  it('SETTLEMENT_MISSING (zero total)', () => refuses('handover', ev('SUBMIT_SETTLEMENT', { facts: { settlement: { totalFen: 0 } } }), 'SETTLEMENT_MISSING'));
  it('return with comment → draft', () => {
    const d = decide(reach('settlement.submitted'), ev('RETURN_SETTLEMENT'));
    expect(d.ok && d.toValue).toMatchObject({ handover: { settlement: 'draft' } });
    expect(d.ok && d.effects).toEqual([{ name: 'notify', params: { template: 'settlementReturned' } }]);
  });
  it('COMMENT_REQUIRED', () => refuses('settlement.submitted', ev('RETURN_SETTLEMENT', { payload: { comment: '' } }), 'COMMENT_REQUIRED'));
  it('approve stores retention', () => {
    const d = decide(reach('settlement.submitted'), ev('APPROVE_SETTLEMENT'));
    expect(d.ok && d.snapshot.context).toMatchObject({ retentionFen: 5000, retentionDueOn: '2026-06-10' });
  });
  it('RETENTION_TERMS_INVALID', () => refuses('settlement.submitted', ev('APPROVE_SETTLEMENT', { facts: { retentionDueOn: null } }), 'RETENTION_TERMS_INVALID'));
  it('AMOUNT_INVALID', () => refuses('settlement.awaitingPayment', ev('RECORD_PAYMENT', { payload: { amountFen: 0 } }), 'AMOUNT_INVALID'));
  it('PAYMENT_EXCEEDS_OUTSTANDING', () => refuses('settlement.awaitingPayment',
    ev('RECORD_PAYMENT', { payload: { amountFen: 95001 } }), 'PAYMENT_EXCEEDS_OUTSTANDING', { outstanding: 95000 }));
  it('full payment without retention releases directly', () => {
    const approved = decide(reach('settlement.submitted'), ev('APPROVE_SETTLEMENT', { facts: { retentionFen: 0, retentionDueOn: null } }));
    const d = approved.ok ? decide(approved.snapshot, ev('RECORD_PAYMENT')) : approved;
    expect(d.ok && d.toValue).toMatchObject({ handover: { settlement: 'retentionReleased' } });
  });
  it('RETENTION_NOT_DUE', () => refuses('settlement.retentionHeld', ev('RELEASE_RETENTION'), 'RETENTION_NOT_DUE', { dueOn: '2026-06-10' }));
  it('release on the due day (Shanghai date)', () => {
    const d = decide(reach('settlement.retentionHeld'), ev('RELEASE_RETENTION', { at: '2026-06-09T16:00:00Z' }));
    expect(d.ok && d.toValue).toMatchObject({ handover: { settlement: 'retentionReleased' } });
  });
});

describe('ARCHIVE and TICK', () => {
  it('ARCHIVE_DOCUMENTS_MISSING', () => refuses('handover', ev('ARCHIVE', { facts: { missingDocuments: ['竣工图'] } }), 'ARCHIVE_DOCUMENTS_MISSING', { documents: '竣工图' }));
  it('TICK 30 days before the end → expiring with notice', () => {
    const d = decide(reach('handover'), ev('TICK', { at: '2026-05-10T16:00:00Z' }));
    expect(d.ok && d.toValue).toMatchObject({ handover: { warranty: 'expiring' } });
    expect(d.ok && d.effects).toEqual([{ name: 'notify', params: { template: 'warrantyExpiring' } }]);
  });
  it('TICK one day early changes nothing → refused NOTHING_DUE', () =>
    refuses('handover', ev('TICK', { at: '2026-05-10T15:59:59Z' }), 'NOTHING_DUE'));
  it('late TICK jumps active → expired', () => {
    const d = decide(reach('handover'), ev('TICK', { at: '2026-06-11T00:00:00+08:00' }));
    expect(d.ok && d.toValue).toMatchObject({ handover: { warranty: 'expired' } });
  });
  it('TICK on the last warranty day is not yet expired (only retention falls due)', () => {
    const d = decide(reach('warranty.expiring'), ev('TICK', { at: '2026-06-10T23:59:00+08:00' }));
    expect(d.ok && d.toValue).toMatchObject({ handover: { warranty: 'expiring', settlement: 'retentionReleaseRequested' } });
  });
  it('TICK releases-requests retention when due', () => {
    const d = decide(reach('settlement.retentionHeld'), ev('TICK', { at: '2026-06-10T00:00:00+08:00' }));
    expect(d.ok && d.toValue).toMatchObject({ handover: { settlement: 'retentionReleaseRequested', warranty: 'expiring' } });
    expect(d.ok && d.effects.map((e) => e.params?.template).sort()).toEqual(['retentionDue', 'warrantyExpiring']);
  });
  it('TICK from a person → ROLE_NOT_ALLOWED', () =>
    refuses('handover', ev('TICK', { actor: actor('pm'), at: '2026-06-11T00:00:00Z' }), 'ROLE_NOT_ALLOWED', { role: 'pm' }));
});

describe('settlement revisions and payment dates', () => {
  it('REVISE_SETTLEMENT takes a submitted or approved settlement back to draft', () => {
    for (const from of ['settlement.submitted', 'settlement.awaitingPayment']) {
      const d = decide(reach(from), ev('REVISE_SETTLEMENT'));
      expect(d.ok && (d.toValue as { handover: { settlement: string } }).handover.settlement).toBe('draft');
      expect(d.ok && d.effects).toEqual([{ name: 'notify', params: { template: 'settlementRevised' } }]);
    }
  });
  it('REVISE_SETTLEMENT needs a reason and is not for finance', () => {
    refuses('settlement.submitted', ev('REVISE_SETTLEMENT', { payload: { reason: '' } }), 'REASON_REQUIRED');
    refuses('settlement.submitted', ev('REVISE_SETTLEMENT', { actor: actor('finance') }), 'ROLE_NOT_ALLOWED');
  });
  it('PAYMENT_DATE_INVALID: a payment dated tomorrow or not a date', () => {
    refuses('settlement.awaitingPayment', ev('RECORD_PAYMENT', { payload: { amountFen: 1000, receivedOn: '2025-06-02' } }), 'PAYMENT_DATE_INVALID');
    refuses('settlement.awaitingPayment', ev('RECORD_PAYMENT', { payload: { amountFen: 1000, receivedOn: '2025-02-30' } }), 'PAYMENT_DATE_INVALID');
    expect(decide(reach('settlement.awaitingPayment'), ev('RECORD_PAYMENT', { payload: { amountFen: 1000, receivedOn: '2025-06-01' } })).ok).toBe(true);
  });
});
