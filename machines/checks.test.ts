// One test per refusal code of every guarded event, plus the happy case, all through decide().
import { describe, expect, it } from 'vitest';
import { actor, AT, ev, reach } from './fixtures';
import { decide } from './runtime';
import type { ProjectMachineEvent } from './types';

function refuses(state: string, event: ProjectMachineEvent, code: string, params?: Record<string, unknown>) {
  const snap = reach(state);
  const before = structuredClone(snap);
  const d = decide(snap, event);
  expect(d.ok).toBe(false);
  if (d.ok) return;
  expect(d.kind).toBe('refused');
  const hit = d.refusals.find((r) => r.code === code);
  expect(hit, JSON.stringify(d.refusals)).toBeDefined();
  if (params) expect(hit?.params).toMatchObject(params);
  expect(snap).toEqual(before); // input snapshot untouched
}
function allows(state: string, event: ProjectMachineEvent, toValue: unknown) {
  const d = decide(reach(state), event);
  expect(d.ok, JSON.stringify(d)).toBe(true);
  if (d.ok) expect(d.toValue).toEqual(toValue);
}
const q = (ids: string[]) => ids.map((vendorId) => ({ vendorId, vendorName: vendorId, totalFen: 1 }));

describe('SUBMIT_FOR_DECISION', () => {
  it('happy', () => allows('bidding', ev('SUBMIT_FOR_DECISION'), 'awaitingDecision'));
  it('QUOTES_FEWER_THAN_THREE counts distinct vendors', () =>
    refuses('bidding', ev('SUBMIT_FOR_DECISION', { facts: { validQuotes: q(['v1', 'v1', 'v2']) } }), 'QUOTES_FEWER_THAN_THREE', { count: 2 }));
  it('RECOMMENDATION_MISSING (null)', () =>
    refuses('bidding', ev('SUBMIT_FOR_DECISION', { facts: { recommendation: null } }), 'RECOMMENDATION_MISSING'));
  it('RECOMMENDATION_MISSING (blank reason)', () =>
    refuses('bidding', ev('SUBMIT_FOR_DECISION', { facts: { recommendation: { vendorId: 'v1', reason: ' ' } } }), 'RECOMMENDATION_MISSING'));
  it('RECOMMENDED_VENDOR_NOT_VALID', () =>
    refuses('bidding', ev('SUBMIT_FOR_DECISION', { facts: { recommendation: { vendorId: 'v9', reason: 'x' } } }), 'RECOMMENDED_VENDOR_NOT_VALID'));
});

describe('AWARD / REOPEN_BIDDING', () => {
  it('happy: recommended vendor needs no reason', () => {
    const d = decide(reach('awaitingDecision'), ev('AWARD'));
    expect(d.ok && d.snapshot.context.awardedVendorId).toBe('v1');
    expect(d.ok && d.effects).toEqual([{ name: 'notify', params: { template: 'vendorAwarded' } }]);
  });
  it('happy: another vendor with a reason', () => allows('awaitingDecision', ev('AWARD', { payload: { vendorId: 'v2', reason: '售后更好' } }), 'contracting'));
  it('AWARD_VENDOR_NOT_VALID', () => refuses('awaitingDecision', ev('AWARD', { payload: { vendorId: 'v9' } }), 'AWARD_VENDOR_NOT_VALID'));
  it('AWARD_REASON_REQUIRED', () => refuses('awaitingDecision', ev('AWARD', { payload: { vendorId: 'v2', reason: '' } }), 'AWARD_REASON_REQUIRED'));
  it('REOPEN_BIDDING happy clears the award', () => {
    const d = decide(reach('awaitingDecision'), ev('REOPEN_BIDDING'));
    expect(d.ok && d.toValue).toBe('bidding');
    expect(d.ok && d.snapshot.context.awardedVendorId).toBeNull();
  });
  it('REASON_REQUIRED', () => refuses('awaitingDecision', ev('REOPEN_BIDDING', { payload: { reason: '' } }), 'REASON_REQUIRED'));
});

describe('RECORD_CONTRACT', () => {
  it('happy', () => allows('contracting', ev('RECORD_CONTRACT'), 'survey'));
  it('CONTRACT_FIELDS_MISSING lists the fields', () => refuses('contracting',
    ev('RECORD_CONTRACT', { payload: { contractNo: '', amountFen: 1.5, signedOn: '2025-02-29' } }),
    'CONTRACT_FIELDS_MISSING', { fields: 'contractNo,amountFen,signedOn' }));
  it('CONTRACT_FILE_MISSING (not this project)', () =>
    refuses('contracting', ev('RECORD_CONTRACT', { facts: { fileBelongsToProject: false } }), 'CONTRACT_FILE_MISSING'));
  it('CONTRACT_FILE_MISSING (no file id)', () =>
    refuses('contracting', ev('RECORD_CONTRACT', { payload: { fileId: '' } }), 'CONTRACT_FILE_MISSING'));
});

describe('COMPLETE_SURVEY', () => {
  const survey = { siteLeadName: '李工', conditions: '良好', obstacles: [] as { description: string; plan: string }[] };
  it('happy', () => allows('survey', ev('COMPLETE_SURVEY'), 'entry'));
  it('SURVEY_MISSING', () => refuses('survey', ev('COMPLETE_SURVEY', { facts: { survey: null } }), 'SURVEY_MISSING'));
  it('SURVEY_LEAD_MISSING', () => refuses('survey', ev('COMPLETE_SURVEY', { facts: { survey: { ...survey, siteLeadName: '' } } }), 'SURVEY_LEAD_MISSING'));
  it('SURVEY_CONDITIONS_MISSING', () => refuses('survey', ev('COMPLETE_SURVEY', { facts: { survey: { ...survey, conditions: '' } } }), 'SURVEY_CONDITIONS_MISSING'));
  it('OBSTACLE_PLAN_MISSING', () => refuses('survey', ev('COMPLETE_SURVEY', {
    facts: { survey: { ...survey, obstacles: [{ description: '旧管道', plan: '' }, { description: '配电箱', plan: ' ' }, { description: '树', plan: '移栽' }] } },
  }), 'OBSTACLE_PLAN_MISSING', { obstacles: '旧管道、配电箱' }));
});

describe('SUBMIT_COMMENCEMENT', () => {
  const S = 'entry';
  const zhang = { name: '张三', credentials: [{ type: '电工证', number: '1', expiresOn: '2025-01-01' }] };
  it('happy', () => allows(S, ev('SUBMIT_COMMENCEMENT'), { entryReview: 'awaitingSupervisor' }));
  it('PLANNED_START_MISSING', () => refuses(S, ev('SUBMIT_COMMENCEMENT', { facts: { plannedStartOn: null } }), 'PLANNED_START_MISSING'));
  it('CERTIFICATES_MISSING', () => refuses(S, ev('SUBMIT_COMMENCEMENT', { facts: { certificates: [] } }), 'CERTIFICATES_MISSING'));
  it('CREW_MISSING', () => refuses(S, ev('SUBMIT_COMMENCEMENT', { facts: { crew: [] } }), 'CREW_MISSING'));
  it('CREDENTIALS_MISSING', () => refuses(S, ev('SUBMIT_COMMENCEMENT', { facts: { crew: [{ name: '李四', credentials: [] }] } }), 'CREDENTIALS_MISSING', { names: '李四' }));
  it('EXPIRED_BY_START names each item', () => refuses(S, ev('SUBMIT_COMMENCEMENT', {
    facts: { crew: [zhang], certificates: [{ name: '主机合格证', expiresOn: '2025-06-14' }] },
  }), 'EXPIRED_BY_START', { items: '主机合格证 (2025-06-14)、张三 电工证 (2025-01-01)' }));
  it('expiring on the start date itself is still valid', () => allows(S, ev('SUBMIT_COMMENCEMENT', {
    facts: { certificates: [{ name: '合格证', expiresOn: '2025-06-15' }] },
  }), { entryReview: 'awaitingSupervisor' }));
});

describe('APPROVE_COMMENCEMENT / REJECT_COMMENCEMENT', () => {
  it('supervisor then client; startedOn is the Shanghai date', () => {
    const d = decide(reach('entryReview.awaitingClient'), ev('APPROVE_COMMENCEMENT', { actor: actor('client'), at: '2025-06-14T16:30:00Z' }));
    expect(d.ok && d.toValue).toBe('construction');
    expect(d.ok && d.snapshot.context.startedOn).toBe('2025-06-15');
  });
  it('WAITING_FOR_OTHER_PARTY: client before supervisor', () => refuses('entryReview.awaitingSupervisor',
    ev('APPROVE_COMMENCEMENT', { actor: actor('client') }), 'WAITING_FOR_OTHER_PARTY', { party: 'supervisor' }));
  it('WAITING_FOR_OTHER_PARTY: supervisor again', () => refuses('entryReview.awaitingClient',
    ev('APPROVE_COMMENCEMENT'), 'WAITING_FOR_OTHER_PARTY', { party: 'client' }));
  it('reject happy → entry with lastRejection', () => {
    const d = decide(reach('entryReview.awaitingClient'), ev('REJECT_COMMENCEMENT', { actor: actor('client') }));
    expect(d.ok && d.toValue).toBe('entry');
    expect(d.ok && d.snapshot.context.lastRejection).toEqual({ by: 'client', comment: '资料不全', at: AT });
  });
  it('COMMENT_REQUIRED', () => refuses('entryReview.awaitingSupervisor', ev('REJECT_COMMENCEMENT', { payload: { comment: '' } }), 'COMMENT_REQUIRED'));
  it('reject WAITING_FOR_OTHER_PARTY', () => refuses('entryReview.awaitingSupervisor',
    ev('REJECT_COMMENCEMENT', { actor: actor('client') }), 'WAITING_FOR_OTHER_PARTY'));
});

describe('REQUEST_ACCEPTANCE', () => {
  const f = ev('REQUEST_ACCEPTANCE').facts;
  const cases: [string, Partial<typeof f>, Record<string, unknown>?][] = [
    ['DESIGN_ITEMS_INCOMPLETE', { designItemsComplete: false }],
    ['SELF_INSPECTION_MISSING', { selfInspection: { recorded: false, passed: false } }],
    ['SELF_INSPECTION_FAILED', { selfInspection: { recorded: true, passed: false } }],
    ['RECTIFICATIONS_OPEN', { openRectifications: 2 }, { count: 2 }],
    ['ARCHIVE_INCOMPLETE', { archiveMissing: ['隐蔽工程记录', '调试报告'] }, { documents: '隐蔽工程记录、调试报告' }],
    ['MATERIAL_INSPECTIONS_PENDING', { pendingMaterialInspections: 1 }, { count: 1 }],
    ['MATERIAL_INSPECTIONS_REJECTED', { unresolvedRejectedMaterialInspections: 3 }, { count: 3 }],
  ];
  it('happy', () => allows('construction', ev('REQUEST_ACCEPTANCE'), { acceptanceReview: 'awaitingSupervisor' }));
  it.each(cases)('%s', (code, facts, params) => refuses('construction', ev('REQUEST_ACCEPTANCE', { facts }), code, params));
  it('reports every failing condition at once', () => {
    const d = decide(reach('construction'), ev('REQUEST_ACCEPTANCE', { facts: Object.assign({}, ...cases.slice(2).map((c) => c[1])) }));
    expect(!d.ok && d.refusals.map((r) => r.code)).toEqual(cases.slice(2).map((c) => c[0]));
  });
});
