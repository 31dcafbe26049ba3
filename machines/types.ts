// Types shared by the project statechart, its checks and its runtime.
// Everything here is JSON-only so snapshots and events survive a database round trip.

export type Role = 'pm' | 'management' | 'supervisor' | 'client' | 'designer' | 'vendor' | 'finance' | 'service' | 'admin';
export type Party = 'supervisor' | 'client' | 'designer';
export const PARTIES: readonly Party[] = ['supervisor', 'client', 'designer'];

export interface Actor { userId: string | null; role: Role | 'system'; party?: Party | null; label?: string }
export interface Refusal { code: string; params?: Record<string, string | number> }
/** A side effect the caller performs after persisting, e.g. {name:'notify', params:{template:'decisionRequested'}}. */
export interface Effect { name: string; params?: Record<string, unknown> }

export const STAGES = [
  'bidding', 'awaitingDecision', 'contracting', 'survey', 'entry', 'entryReview',
  'construction', 'acceptanceReview', 'handover', 'closed', 'cancelled',
] as const;
export type Stage = (typeof STAGES)[number];
/** Stages from which CANCEL is possible: everything before handover (acceptance). */
export const CANCELLABLE_STAGES = STAGES.slice(0, STAGES.indexOf('handover')) as Stage[];

export interface ProjectContext {
  awardedVendorId: string | null;
  startedOn: string | null; // YYYY-MM-DD
  acceptedOn: string | null; // YYYY-MM-DD
  warrantyEndsOn: string | null; // YYYY-MM-DD, last day of the 12-month warranty
  retentionFen: number | null;
  retentionDueOn: string | null; // YYYY-MM-DD
  cancelledFrom: Stage | null;
  cancelReason: string | null;
  lastRejection: { by: string; comment: string; at: string } | null;
}

// ---- facts: loaded from the database by the server before sending the event ----
export interface ValidQuote { vendorId: string; vendorName: string; totalFen: number }
export interface Recommendation { vendorId: string; reason: string }
export type EmptyFacts = Record<string, never>;
export type EmptyPayload = Record<string, never>;

export interface QuoteFacts {
  /** latest revision per vendor, not withdrawn, within validity, total > 0 — filtered by the server */
  validQuotes: ValidQuote[];
  recommendation: Recommendation | null;
}
export type SubmitForDecisionFacts = QuoteFacts;
export type AwardFacts = QuoteFacts;
export interface RecordContractFacts { fileBelongsToProject: boolean }
export interface CompleteSurveyFacts {
  survey: null | { siteLeadName: string; conditions: string; obstacles: { description: string; plan: string }[] };
}
export interface Credential { type: string; number: string; expiresOn: string | null }
export interface SubmitCommencementFacts {
  plannedStartOn: string | null;
  certificates: { name: string; expiresOn: string | null }[];
  crew: { name: string; credentials: Credential[] }[];
}
export interface RequestAcceptanceFacts {
  designItemsComplete: boolean;
  selfInspection: { recorded: boolean; passed: boolean };
  openRectifications: number;
  archiveMissing: string[];
  pendingMaterialInspections: number;
  unresolvedRejectedMaterialInspections: number;
}
export interface SignFacts {
  agreedDate: string | null;
  /** parties that signed before this event */
  signedParties: Party[];
  requiredParties: Party[];
}
export interface SubmitSettlementFacts { settlement: null | { totalFen: number } }
export interface ApproveSettlementFacts { retentionFen: number; retentionDueOn: string | null }
export interface RecordPaymentFacts { /** before this payment, excluding retention */ outstandingFen: number }
export interface ArchiveFacts { missingDocuments: string[] }

interface Ev<T extends string, P, F> { type: T; at: string; actor: Actor; payload: P; facts: F }

export type SubmitForDecisionEvent = Ev<'SUBMIT_FOR_DECISION', EmptyPayload, SubmitForDecisionFacts>;
export type AwardEvent = Ev<'AWARD', { vendorId: string; reason: string }, AwardFacts>;
export type ReopenBiddingEvent = Ev<'REOPEN_BIDDING', { reason: string }, EmptyFacts>;
export type RecordContractEvent = Ev<'RECORD_CONTRACT', { contractNo: string; amountFen: number; signedOn: string; fileId: string }, RecordContractFacts>;
export type CompleteSurveyEvent = Ev<'COMPLETE_SURVEY', EmptyPayload, CompleteSurveyFacts>;
export type SubmitCommencementEvent = Ev<'SUBMIT_COMMENCEMENT', EmptyPayload, SubmitCommencementFacts>;
export type ApproveCommencementEvent = Ev<'APPROVE_COMMENCEMENT', { opinion: string }, EmptyFacts>;
export type RejectCommencementEvent = Ev<'REJECT_COMMENCEMENT', { comment: string }, EmptyFacts>;
/** The acceptance date agreed with the parties (YYYY-MM-DD); the project is accepted on it. */
export interface AcceptanceDatePayload { acceptanceDate: string }
export type RequestAcceptanceEvent = Ev<'REQUEST_ACCEPTANCE', AcceptanceDatePayload, RequestAcceptanceFacts>;
/** A change to the content under signature: a new version, the old signatures void, signing again. */
export type ReviseAcceptanceEvent = Ev<'REVISE_ACCEPTANCE', AcceptanceDatePayload & { reason: string }, RequestAcceptanceFacts>;
export type SignEvent = Ev<'SIGN', { opinion: string }, SignFacts>;
export type RejectAcceptanceEvent = Ev<'REJECT_ACCEPTANCE', { items: string[] }, EmptyFacts>;
export type CancelEvent = Ev<'CANCEL', { reason: string }, EmptyFacts>;
export type SubmitSettlementEvent = Ev<'SUBMIT_SETTLEMENT', EmptyPayload, SubmitSettlementFacts>;
export type ReturnSettlementEvent = Ev<'RETURN_SETTLEMENT', { comment: string }, EmptyFacts>;
export type ApproveSettlementEvent = Ev<'APPROVE_SETTLEMENT', EmptyPayload, ApproveSettlementFacts>;
/** receivedOn: the day the money arrived (YYYY-MM-DD, not in the future); reference: bank slip no. */
export type RecordPaymentEvent = Ev<'RECORD_PAYMENT', { amountFen: number; receivedOn?: string; reference?: string }, RecordPaymentFacts>;
export type ReleaseRetentionEvent = Ev<'RELEASE_RETENTION', { receivedOn?: string; reference?: string }, EmptyFacts>;
/** A change to a submitted or approved settlement: a new version, back to draft, a new approval. */
export type ReviseSettlementEvent = Ev<'REVISE_SETTLEMENT', { reason: string }, EmptyFacts>;
export type ArchiveEvent = Ev<'ARCHIVE', EmptyPayload, ArchiveFacts>;
export type TickEvent = Ev<'TICK', EmptyPayload, EmptyFacts>;

export type ProjectMachineEvent =
  | SubmitForDecisionEvent | AwardEvent | ReopenBiddingEvent | RecordContractEvent | CompleteSurveyEvent
  | SubmitCommencementEvent | ApproveCommencementEvent | RejectCommencementEvent | RequestAcceptanceEvent
  | ReviseAcceptanceEvent | SignEvent | RejectAcceptanceEvent | CancelEvent | SubmitSettlementEvent | ReturnSettlementEvent
  | ApproveSettlementEvent | ReviseSettlementEvent | RecordPaymentEvent | ReleaseRetentionEvent | ArchiveEvent | TickEvent;
export type EventType = ProjectMachineEvent['type'];
export type EventOf<T extends EventType> = Extract<ProjectMachineEvent, { type: T }>;

/** Who may send each event. TICK is the scheduler's alone (actor.role === 'system'). */
export const EVENT_ROLES: { readonly [T in EventType]: readonly (Role | 'system')[] } = {
  SUBMIT_FOR_DECISION: ['pm'],
  AWARD: ['management'],
  REOPEN_BIDDING: ['management'],
  RECORD_CONTRACT: ['pm'],
  COMPLETE_SURVEY: ['pm'],
  SUBMIT_COMMENCEMENT: ['pm'],
  APPROVE_COMMENCEMENT: ['supervisor', 'client'],
  REJECT_COMMENCEMENT: ['supervisor', 'client'],
  REQUEST_ACCEPTANCE: ['pm'],
  REVISE_ACCEPTANCE: ['pm'],
  SIGN: ['supervisor', 'client', 'designer'],
  REJECT_ACCEPTANCE: ['supervisor', 'client', 'designer'],
  CANCEL: ['management'],
  SUBMIT_SETTLEMENT: ['pm'],
  RETURN_SETTLEMENT: ['finance'],
  APPROVE_SETTLEMENT: ['finance'],
  REVISE_SETTLEMENT: ['pm'],
  RECORD_PAYMENT: ['finance'],
  RELEASE_RETENTION: ['finance'],
  ARCHIVE: ['pm'],
  TICK: ['system'],
};
export const EVENT_TYPES = Object.keys(EVENT_ROLES) as EventType[];

/** Parameters a guard reads from the transition config (which substate, which branch). */
export interface GuardParams {
  waitingFor?: 'supervisor' | 'client' | 'parties';
  branch?: Branch;
}
/** Routing predicates that pick among several allowed transitions; never a refusal by themselves. */
export type Branch =
  | 'completesSignatures' | 'paysInFull' | 'paysInFullNoRetention'
  | 'retentionDue' | 'warrantyExpiring' | 'warrantyExpired';
