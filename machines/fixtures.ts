// Test fixtures only: events whose facts pass every check, with overrides to make one fail.
import { decide, initialProjectSnapshot, type PersistedProjectSnapshot } from './runtime';
import type { Actor, EventOf, EventType, Party, ProjectMachineEvent, Role } from './types';

export const AT = '2025-06-01T02:00:00Z';
export const AGREED = '2025-06-10'; // acceptance date → warranty ends 2026-06-10
export const RETENTION_DUE = '2026-06-10';

export const actor = (role: Role | 'system', party: Party | null = null): Actor =>
  ({ userId: role === 'system' ? null : `u-${role}`, role, party });

const QUOTES = ['v1', 'v2', 'v3'].map((id, i) => ({ vendorId: id, vendorName: `安装公司${i + 1}`, totalFen: 100000 + i }));
const REC = { vendorId: 'v1', reason: '价格最低，工期最短' };
const ALL_PARTIES: Party[] = ['supervisor', 'client', 'designer'];

type Over<T extends EventType> = Partial<Omit<EventOf<T>, 'payload' | 'facts'>> & {
  payload?: Partial<EventOf<T>['payload']>; facts?: Partial<EventOf<T>['facts']>;
};
type Base<T extends EventType> = Pick<EventOf<T>, 'actor' | 'payload' | 'facts'> & { at?: string };
/** Signing happens on the agreed acceptance date. */
export const AGREED_AT = '2025-06-10T02:00:00Z';
const PRECONDITIONS_MET = {
  designItemsComplete: true, selfInspection: { recorded: true, passed: true }, openRectifications: 0,
  archiveMissing: [], pendingMaterialInspections: 0, unresolvedRejectedMaterialInspections: 0,
};

const BASES: { [T in EventType]: Base<T> } = {
  SUBMIT_FOR_DECISION: { actor: actor('pm'), payload: {}, facts: { validQuotes: QUOTES, recommendation: REC } },
  AWARD: { actor: actor('management'), payload: { vendorId: 'v1', reason: '' }, facts: { validQuotes: QUOTES, recommendation: REC } },
  REOPEN_BIDDING: { actor: actor('management'), payload: { reason: '报价普遍偏高' }, facts: {} },
  RECORD_CONTRACT: {
    actor: actor('pm'), payload: { contractNo: 'HT-2025-001', amountFen: 100000, signedOn: '2025-05-20', fileId: 'f1' },
    facts: { fileBelongsToProject: true },
  },
  COMPLETE_SURVEY: {
    actor: actor('pm'), payload: {},
    facts: { survey: { siteLeadName: '李工', conditions: '现场具备安装条件', obstacles: [{ description: '旧管道', plan: '拆除' }] } },
  },
  SUBMIT_COMMENCEMENT: {
    actor: actor('pm'), payload: {},
    facts: {
      plannedStartOn: '2025-06-15', certificates: [{ name: '空调主机合格证', expiresOn: null }],
      crew: [{ name: '张三', credentials: [{ type: '电工证', number: 'D1', expiresOn: '2027-01-01' }] }],
    },
  },
  APPROVE_COMMENCEMENT: { actor: actor('supervisor'), payload: { opinion: '同意' }, facts: {} },
  REJECT_COMMENCEMENT: { actor: actor('supervisor'), payload: { comment: '资料不全' }, facts: {} },
  REQUEST_ACCEPTANCE: { actor: actor('pm'), payload: { acceptanceDate: AGREED }, facts: PRECONDITIONS_MET },
  REVISE_ACCEPTANCE: { actor: actor('pm'), payload: { acceptanceDate: AGREED, reason: '设备清单更正' }, facts: PRECONDITIONS_MET },
  SIGN: { actor: actor('supervisor'), at: AGREED_AT, payload: { opinion: '合格' }, facts: { agreedDate: AGREED, signedParties: [], requiredParties: ALL_PARTIES } },
  REJECT_ACCEPTANCE: { actor: actor('supervisor'), payload: { items: ['风管保温破损'] }, facts: {} },
  CANCEL: { actor: actor('management'), payload: { reason: '甲方取消工程' }, facts: {} },
  SUBMIT_SETTLEMENT: { actor: actor('pm'), payload: {}, facts: { settlement: { totalFen: 100000 } } },
  RETURN_SETTLEMENT: { actor: actor('finance'), payload: { comment: '数量有误' }, facts: {} },
  APPROVE_SETTLEMENT: { actor: actor('finance'), payload: {}, facts: { retentionFen: 5000, retentionDueOn: RETENTION_DUE } },
  RECORD_PAYMENT: { actor: actor('finance'), payload: { amountFen: 95000 }, facts: { outstandingFen: 95000 } },
  RELEASE_RETENTION: { actor: actor('finance'), payload: {}, facts: {} },
  REVISE_SETTLEMENT: { actor: actor('pm'), payload: { reason: '补充一项签证' }, facts: {} },
  ARCHIVE: { actor: actor('pm'), payload: {}, facts: { missingDocuments: [] } },
  TICK: { actor: actor('system'), payload: {}, facts: {} },
};

/** A passing event of `type`, with shallow overrides of payload/facts/actor/at. */
export function ev<T extends EventType>(type: T, over: Over<T> = {}): EventOf<T> {
  const base = BASES[type] as Base<T>;
  return {
    type, at: over.at ?? base.at ?? AT, actor: over.actor ?? base.actor,
    payload: { ...base.payload, ...over.payload }, facts: { ...base.facts, ...over.facts },
  } as EventOf<T>;
}

const signer = (party: Party, signed: Party[]) => ev('SIGN', { actor: actor(party), facts: { signedParties: signed } });

/** The happy path from bidding to closed, labelled by the stage/substate it reaches. */
export const HAPPY_PATH: [string, ProjectMachineEvent][] = [
  ['awaitingDecision', ev('SUBMIT_FOR_DECISION')],
  ['contracting', ev('AWARD')],
  ['survey', ev('RECORD_CONTRACT')],
  ['entry', ev('COMPLETE_SURVEY')],
  ['entryReview.awaitingSupervisor', ev('SUBMIT_COMMENCEMENT')],
  ['entryReview.awaitingClient', ev('APPROVE_COMMENCEMENT')],
  ['construction', ev('APPROVE_COMMENCEMENT', { actor: actor('client') })],
  ['acceptanceReview.awaitingSupervisor', ev('REQUEST_ACCEPTANCE')],
  ['acceptanceReview.awaitingParties', signer('supervisor', [])],
  ['acceptanceReview.awaitingParties+client', signer('client', ['supervisor'])],
  ['handover', signer('designer', ['supervisor', 'client'])],
  ['settlement.submitted', ev('SUBMIT_SETTLEMENT')],
  ['settlement.awaitingPayment', ev('APPROVE_SETTLEMENT')],
  ['settlement.awaitingPayment+partial', ev('RECORD_PAYMENT', { payload: { amountFen: 40000 }, facts: { outstandingFen: 95000 } })],
  ['settlement.retentionHeld', ev('RECORD_PAYMENT', { payload: { amountFen: 55000 }, facts: { outstandingFen: 55000 } })],
  ['archive.archived', ev('ARCHIVE')],
  ['warranty.expiring', ev('TICK', { at: '2026-05-11T00:00:00+08:00' })],
  ['warranty.expired', ev('TICK', { at: '2026-06-11T00:00:00+08:00' })],
  ['closed', ev('RELEASE_RETENTION', { at: '2026-06-12T02:00:00Z' })],
];

/** Snapshot after applying the happy path up to (and including) the step labelled `label`. */
export function reach(label: string): PersistedProjectSnapshot {
  let snap = initialProjectSnapshot();
  if (label === 'bidding') return snap;
  for (const [name, event] of HAPPY_PATH) {
    const d = decide(snap, event);
    if (!d.ok) throw new Error(`fixture path refused at ${name}: ${JSON.stringify(d.refusals)}`);
    snap = d.snapshot;
    if (name === label) return snap;
  }
  throw new Error(`unknown fixture label ${label}`);
}
