// One pure check per guarded event: returns every failing condition as a Refusal (empty = allowed).
// The machine's guards are `check(...).length === 0`, so the explanation shown to users and the
// guard that decides can never diverge.
import { addDays, compareDates, isValidDate, shanghaiDate } from '../app/lib/calendar';
import {
  EVENT_ROLES, PARTIES,
  type Actor, type Branch, type EventOf, type EventType, type GuardParams, type Party,
  type ProjectContext, type ProjectMachineEvent, type Refusal,
} from './types';

/** Every refusal code the checks and the runtime can produce (messages.ts must cover all). */
export const REFUSAL_CODES = [
  'ROLE_NOT_ALLOWED', 'EVENT_NOT_ALLOWED_IN_STAGE', 'EVENT_INVALID', 'NOTHING_DUE', 'CONDITIONS_NOT_MET',
  'SNAPSHOT_INVALID', 'SNAPSHOT_VERSION_UNSUPPORTED',
  'QUOTES_FEWER_THAN_THREE', 'RECOMMENDATION_MISSING', 'RECOMMENDED_VENDOR_NOT_VALID',
  'AWARD_VENDOR_NOT_VALID', 'AWARD_REASON_REQUIRED', 'REASON_REQUIRED',
  'CONTRACT_FIELDS_MISSING', 'CONTRACT_FILE_MISSING',
  'SURVEY_MISSING', 'SURVEY_LEAD_MISSING', 'SURVEY_CONDITIONS_MISSING', 'OBSTACLE_PLAN_MISSING',
  'PLANNED_START_MISSING', 'CERTIFICATES_MISSING', 'CREW_MISSING', 'CREDENTIALS_MISSING', 'EXPIRED_BY_START',
  'WAITING_FOR_OTHER_PARTY', 'COMMENT_REQUIRED',
  'DESIGN_ITEMS_INCOMPLETE', 'SELF_INSPECTION_MISSING', 'SELF_INSPECTION_FAILED', 'RECTIFICATIONS_OPEN',
  'ARCHIVE_INCOMPLETE', 'MATERIAL_INSPECTIONS_PENDING', 'MATERIAL_INSPECTIONS_REJECTED',
  'ACCEPTANCE_DATE_MISSING', 'ACCEPTANCE_DATE_INVALID', 'ACCEPTANCE_DATE_NOT_REACHED', 'ALREADY_SIGNED', 'NOT_A_SIGNING_PARTY', 'REJECTION_ITEMS_REQUIRED',
  'SETTLEMENT_MISSING', 'RETENTION_TERMS_INVALID', 'AMOUNT_INVALID', 'PAYMENT_EXCEEDS_OUTSTANDING',
  'RETENTION_NOT_DUE', 'ARCHIVE_DOCUMENTS_MISSING', 'PAYMENT_DATE_INVALID',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

const r = (code: RefusalCode, params?: Refusal['params']): Refusal => (params ? { code, params } : { code });
const filled = (s: unknown): boolean => typeof s === 'string' && s.trim() !== '';

/** The party an actor speaks for: explicit party, else a role that is itself a party. */
export function partyOf(actor: Actor): Party | null {
  if (actor.party) return actor.party;
  return (PARTIES as readonly string[]).includes(actor.role) ? (actor.role as Party) : null;
}

/** Money is recorded on the day it arrived: a real date, not in the future (Asia/Shanghai). */
function receivedOnChecks(ev: EventOf<'RECORD_PAYMENT'> | EventOf<'RELEASE_RETENTION'>): Refusal[] {
  const on = ev.payload.receivedOn;
  if (on === undefined || on === '') return [];
  return isValidDate(on) && compareDates(on, shanghaiDate(ev.at)) <= 0 ? [] : [r('PAYMENT_DATE_INVALID', { today: shanghaiDate(ev.at) })];
}

/** How far ahead an acceptance may be scheduled: a typo in the year must not pass as a plan. */
export const ACCEPTANCE_HORIZON_DAYS = 180;

/** 004 §3.3(1): the four conditions, no material inspection open, and a plausible acceptance date. */
function acceptancePreconditions(ev: EventOf<'REQUEST_ACCEPTANCE'> | EventOf<'REVISE_ACCEPTANCE'>): Refusal[] {
  const f = ev.facts;
  const out: Refusal[] = [];
  const date = ev.payload.acceptanceDate;
  const today = shanghaiDate(ev.at);
  if (!isValidDate(date) || compareDates(date, today) < 0 || compareDates(date, addDays(today, ACCEPTANCE_HORIZON_DAYS)) > 0) {
    out.push(r('ACCEPTANCE_DATE_INVALID', { today, latest: addDays(today, ACCEPTANCE_HORIZON_DAYS) }));
  }
  if (!f.designItemsComplete) out.push(r('DESIGN_ITEMS_INCOMPLETE'));
  if (!f.selfInspection.recorded) out.push(r('SELF_INSPECTION_MISSING'));
  else if (!f.selfInspection.passed) out.push(r('SELF_INSPECTION_FAILED'));
  if (f.openRectifications > 0) out.push(r('RECTIFICATIONS_OPEN', { count: f.openRectifications }));
  if (f.archiveMissing.length) out.push(r('ARCHIVE_INCOMPLETE', { documents: f.archiveMissing.join('、') }));
  if (f.pendingMaterialInspections > 0) out.push(r('MATERIAL_INSPECTIONS_PENDING', { count: f.pendingMaterialInspections }));
  if (f.unresolvedRejectedMaterialInspections > 0) {
    out.push(r('MATERIAL_INSPECTIONS_REJECTED', { count: f.unresolvedRejectedMaterialInspections }));
  }
  return out;
}

// Role first: a wrong role short-circuits, so users are not shown conditions they cannot fix.
function roleRefusal(type: EventType, actor: Actor): Refusal[] {
  return EVENT_ROLES[type].includes(actor.role) ? [] : [r('ROLE_NOT_ALLOWED', { role: actor.role })];
}

function quoteChecks(facts: EventOf<'SUBMIT_FOR_DECISION'>['facts']): Refusal[] {
  const out: Refusal[] = [];
  const vendors = new Set(facts.validQuotes.map((q) => q.vendorId));
  if (vendors.size < 3) out.push(r('QUOTES_FEWER_THAN_THREE', { count: vendors.size }));
  const rec = facts.recommendation;
  if (!rec || !filled(rec.reason)) out.push(r('RECOMMENDATION_MISSING'));
  else if (!vendors.has(rec.vendorId)) out.push(r('RECOMMENDED_VENDOR_NOT_VALID'));
  return out;
}

function waitingParty(actor: Actor, waitingFor: GuardParams['waitingFor']): Refusal[] {
  const party = partyOf(actor);
  if (waitingFor === 'parties') {
    return party === 'client' || party === 'designer' ? [] : [r('WAITING_FOR_OTHER_PARTY', { party: 'client,designer' })];
  }
  return waitingFor && party !== waitingFor ? [r('WAITING_FOR_OTHER_PARTY', { party: waitingFor })] : [];
}

export type Check<T extends EventType> = (ctx: ProjectContext, ev: EventOf<T>, p: GuardParams) => Refusal[];

export const EVENT_CHECKS: { readonly [T in EventType]: Check<T> } = {
  SUBMIT_FOR_DECISION: (_c, ev) => quoteChecks(ev.facts),
  AWARD: (_c, { payload, facts }) => {
    const out: Refusal[] = [];
    if (!facts.validQuotes.some((q) => q.vendorId === payload.vendorId)) out.push(r('AWARD_VENDOR_NOT_VALID'));
    if (payload.vendorId !== facts.recommendation?.vendorId && !filled(payload.reason)) out.push(r('AWARD_REASON_REQUIRED'));
    return out;
  },
  REOPEN_BIDDING: (_c, ev) => (filled(ev.payload.reason) ? [] : [r('REASON_REQUIRED')]),
  RECORD_CONTRACT: (_c, { payload, facts }) => {
    const missing: string[] = [];
    if (!filled(payload.contractNo)) missing.push('contractNo');
    if (!Number.isInteger(payload.amountFen) || payload.amountFen <= 0) missing.push('amountFen');
    if (!isValidDate(payload.signedOn)) missing.push('signedOn');
    const out = missing.length ? [r('CONTRACT_FIELDS_MISSING', { fields: missing.join(',') })] : [];
    if (!filled(payload.fileId) || !facts.fileBelongsToProject) out.push(r('CONTRACT_FILE_MISSING'));
    return out;
  },
  COMPLETE_SURVEY: (_c, { facts: { survey } }) => {
    if (!survey) return [r('SURVEY_MISSING')];
    const out: Refusal[] = [];
    if (!filled(survey.siteLeadName)) out.push(r('SURVEY_LEAD_MISSING'));
    if (!filled(survey.conditions)) out.push(r('SURVEY_CONDITIONS_MISSING'));
    const unplanned = survey.obstacles.filter((o) => !filled(o.plan)).map((o) => o.description);
    if (unplanned.length) out.push(r('OBSTACLE_PLAN_MISSING', { obstacles: unplanned.join('、') }));
    return out;
  },
  SUBMIT_COMMENCEMENT: (_c, { facts }) => {
    const out: Refusal[] = [];
    const start = isValidDate(facts.plannedStartOn) ? facts.plannedStartOn : null;
    if (!start) out.push(r('PLANNED_START_MISSING'));
    if (facts.certificates.length === 0) out.push(r('CERTIFICATES_MISSING'));
    if (facts.crew.length === 0) out.push(r('CREW_MISSING'));
    const bare = facts.crew.filter((m) => m.credentials.length === 0).map((m) => m.name);
    if (bare.length) out.push(r('CREDENTIALS_MISSING', { names: bare.join('、') }));
    if (start) {
      // An unparseable expiry counts as expired: we cannot prove it is valid on the start date.
      const expired = (d: string | null) => d !== null && (!isValidDate(d) || compareDates(d, start) < 0);
      const items = [
        ...facts.certificates.filter((c) => expired(c.expiresOn)).map((c) => `${c.name} (${c.expiresOn})`),
        ...facts.crew.flatMap((m) => m.credentials.filter((c) => expired(c.expiresOn))
          .map((c) => `${m.name} ${c.type} (${c.expiresOn})`)),
      ];
      if (items.length) out.push(r('EXPIRED_BY_START', { items: items.join('、') }));
    }
    return out;
  },
  APPROVE_COMMENCEMENT: (_c, ev, p) => waitingParty(ev.actor, p.waitingFor),
  REJECT_COMMENCEMENT: (_c, ev, p) => [
    ...waitingParty(ev.actor, p.waitingFor),
    ...(filled(ev.payload.comment) ? [] : [r('COMMENT_REQUIRED')]),
  ],
  REQUEST_ACCEPTANCE: (_c, ev) => acceptancePreconditions(ev),
  REVISE_ACCEPTANCE: (_c, ev) => [
    ...(filled(ev.payload.reason) ? [] : [r('REASON_REQUIRED')]),
    ...acceptancePreconditions(ev),
  ],
  SIGN: (_c, { actor, facts, at }, p) => {
    const out: Refusal[] = [];
    if (!isValidDate(facts.agreedDate)) out.push(r('ACCEPTANCE_DATE_MISSING'));
    // The acceptance is held on the agreed date; nobody signs for it in advance.
    else if (compareDates(shanghaiDate(at), facts.agreedDate) < 0) out.push(r('ACCEPTANCE_DATE_NOT_REACHED', { date: facts.agreedDate }));
    const party = partyOf(actor);
    if (p.waitingFor === 'supervisor') {
      if (party !== 'supervisor') out.push(r('WAITING_FOR_OTHER_PARTY', { party: 'supervisor' }));
    } else if (!party || !facts.requiredParties.includes(party)) {
      out.push(r('NOT_A_SIGNING_PARTY', { party: party ?? actor.role }));
    } else if (facts.signedParties.includes(party)) {
      out.push(r('ALREADY_SIGNED', { party }));
    }
    return out;
  },
  REJECT_ACCEPTANCE: (_c, ev, p) => [
    ...waitingParty(ev.actor, p.waitingFor),
    ...(ev.payload.items.some(filled) ? [] : [r('REJECTION_ITEMS_REQUIRED')]),
  ],
  CANCEL: (_c, ev) => (filled(ev.payload.reason) ? [] : [r('REASON_REQUIRED')]),
  SUBMIT_SETTLEMENT: (_c, ev) => {
    const s = ev.facts.settlement;
    return s && Number.isInteger(s.totalFen) && s.totalFen > 0 ? [] : [r('SETTLEMENT_MISSING')];
  },
  RETURN_SETTLEMENT: (_c, ev) => (filled(ev.payload.comment) ? [] : [r('COMMENT_REQUIRED')]),
  // Retention > 0 needs a due date, otherwise RELEASE_RETENTION would have nothing to wait for.
  APPROVE_SETTLEMENT: (_c, { facts: f }) =>
    Number.isInteger(f.retentionFen) && f.retentionFen >= 0 && (f.retentionFen === 0 || isValidDate(f.retentionDueOn))
      ? [] : [r('RETENTION_TERMS_INVALID')],
  RECORD_PAYMENT: (_c, ev) => {
    const { payload, facts } = ev;
    if (!Number.isInteger(payload.amountFen) || payload.amountFen <= 0) return [r('AMOUNT_INVALID')];
    return [
      ...(payload.amountFen > facts.outstandingFen ? [r('PAYMENT_EXCEEDS_OUTSTANDING', { outstanding: facts.outstandingFen })] : []),
      ...receivedOnChecks(ev),
    ];
  },
  RELEASE_RETENTION: (ctx, ev) => [
    ...(ctx.retentionDueOn && compareDates(shanghaiDate(ev.at), ctx.retentionDueOn) < 0 ? [r('RETENTION_NOT_DUE', { dueOn: ctx.retentionDueOn })] : []),
    ...receivedOnChecks(ev),
  ],
  REVISE_SETTLEMENT: (_c, ev) => (filled(ev.payload.reason) ? [] : [r('REASON_REQUIRED')]),
  ARCHIVE: (_c, ev) => (ev.facts.missingDocuments.length
    ? [r('ARCHIVE_DOCUMENTS_MISSING', { documents: ev.facts.missingDocuments.join('、') })] : []),
  TICK: () => [], // only the role; "nothing due" is the absence of an enabled branch
};

/** Explain one event against a context (with the substate params of its transition). */
export function check(ctx: ProjectContext, ev: ProjectMachineEvent, p: GuardParams = {}): Refusal[] {
  const role = roleRefusal(ev.type, ev.actor);
  if (role.length) return role;
  return (EVENT_CHECKS[ev.type] as Check<EventType>)(ctx, ev as never, p);
}

const today = (ev: ProjectMachineEvent) => shanghaiDate(ev.at);

/** Routing predicates used only to choose between allowed transitions. */
export const BRANCHES: Record<Branch, (ctx: ProjectContext, ev: ProjectMachineEvent) => boolean> = {
  completesSignatures: (_c, ev) => {
    if (ev.type !== 'SIGN') return false;
    const party = partyOf(ev.actor);
    return ev.facts.requiredParties.every((p) => p === party || ev.facts.signedParties.includes(p));
  },
  paysInFull: (_c, ev) => ev.type === 'RECORD_PAYMENT' && ev.payload.amountFen === ev.facts.outstandingFen,
  paysInFullNoRetention: (ctx, ev) => BRANCHES.paysInFull(ctx, ev) && !ctx.retentionFen,
  retentionDue: (ctx, ev) => !!ctx.retentionDueOn && compareDates(today(ev), ctx.retentionDueOn) >= 0,
  warrantyExpiring: (ctx, ev) => !!ctx.warrantyEndsOn && compareDates(today(ev), addDays(ctx.warrantyEndsOn, -30)) >= 0,
  warrantyExpired: (ctx, ev) => !!ctx.warrantyEndsOn && compareDates(today(ev), ctx.warrantyEndsOn) > 0,
};

/** The single guard behind every guarded transition: conditions hold and the branch (if any) applies. */
export function passes(ctx: ProjectContext, ev: ProjectMachineEvent, p: GuardParams = {}): boolean {
  return check(ctx, ev, p).length === 0 && (!p.branch || BRANCHES[p.branch](ctx, ev));
}
