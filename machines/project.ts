// The project statechart. Pure: no invoke, no after, no side effects; context is JSON-only.
// Side effects are described by the no-op `emit` action and read back by runtime.decide.
// Time moves only through TICK events carrying `at` from the scheduler.
import { assign, setup } from 'xstate';
import { addMonthsCivil, shanghaiDate } from '../app/lib/calendar';
import { partyOf, passes } from './checks';
import type { Effect, GuardParams, ProjectContext, ProjectMachineEvent, Stage } from './types';

/** Bump when states or context change shape; add a migration from the old version in runtime. */
export const PROJECT_MACHINE_VERSION = 1;

export const INITIAL_CONTEXT: ProjectContext = {
  awardedVendorId: null, startedOn: null, acceptedOn: null, warrantyEndsOn: null,
  retentionFen: null, retentionDueOn: null, cancelledFrom: null, cancelReason: null, lastRejection: null,
};

const notify = (template: string, extra: Record<string, unknown> = {}) =>
  ({ type: 'emit', params: { name: 'notify', params: { template, ...extra } } }) as const;
// Every guarded transition uses the one `allowed` guard; params say which substate/branch applies.
const allowed = (params: GuardParams = {}) => ({ type: 'allowed', params }) as const;
const cancel = (from: Stage) => ({
  guard: allowed(), target: '#project.cancelled', actions: { type: 'recordCancel', params: { from } },
}) as const;

/** The round's open links are revoked; a rejection keeps its signatures as the record of that round. */
const endRound = { type: 'emit', params: { name: 'endAcceptanceRound', params: { voidSignatures: false } } } as const;

export const projectMachine = setup({
  types: {} as { context: ProjectContext; events: ProjectMachineEvent },
  guards: {
    allowed: ({ context, event }, params: GuardParams) => passes(context, event, params),
  },
  actions: {
    // Effects are data: the runtime collects them from the transition result and runs them
    // after the new snapshot is stored, so this implementation deliberately does nothing.
    emit: (_args, _params: Effect) => {},
    recordAward: assign(({ event }) => (event.type === 'AWARD' ? { awardedVendorId: event.payload.vendorId } : {})),
    clearAward: assign({ awardedVendorId: null }),
    recordStart: assign({ startedOn: ({ event }) => shanghaiDate(event.at) }),
    recordRejection: assign(({ event }) => {
      const comment = event.type === 'REJECT_COMMENCEMENT' ? event.payload.comment
        : event.type === 'REJECT_ACCEPTANCE' ? event.payload.items.join('；') : '';
      return { lastRejection: { by: partyOf(event.actor) ?? event.actor.role, comment, at: event.at } };
    }),
    recordAcceptance: assign(({ event }) => {
      if (event.type !== 'SIGN' || !event.facts.agreedDate) return {};
      const acceptedOn = event.facts.agreedDate;
      return { acceptedOn, warrantyEndsOn: addMonthsCivil(acceptedOn, 12) };
    }),
    recordCancel: assign(({ event }, params: { from: Stage }) => ({
      cancelledFrom: params.from,
      cancelReason: event.type === 'CANCEL' ? event.payload.reason : null,
    })),
    recordRetention: assign(({ event }) => (event.type === 'APPROVE_SETTLEMENT'
      ? { retentionFen: event.facts.retentionFen, retentionDueOn: event.facts.retentionDueOn } : {})),
  },
}).createMachine({
  id: 'project',
  initial: 'bidding',
  context: INITIAL_CONTEXT,
  states: {
    bidding: {
      on: { SUBMIT_FOR_DECISION: { guard: allowed(), target: 'awaitingDecision' }, CANCEL: cancel('bidding') },
    },
    awaitingDecision: {
      entry: notify('decisionRequested'),
      on: {
        AWARD: { guard: allowed(), target: 'contracting', actions: 'recordAward' },
        REOPEN_BIDDING: { guard: allowed(), target: 'bidding', actions: ['clearAward', notify('biddingReopened')] },
        CANCEL: cancel('awaitingDecision'),
      },
    },
    contracting: {
      entry: notify('vendorAwarded'),
      on: { RECORD_CONTRACT: { guard: allowed(), target: 'survey' }, CANCEL: cancel('contracting') },
    },
    survey: {
      on: { COMPLETE_SURVEY: { guard: allowed(), target: 'entry' }, CANCEL: cancel('survey') },
    },
    entry: {
      on: { SUBMIT_COMMENCEMENT: { guard: allowed(), target: 'entryReview' }, CANCEL: cancel('entry') },
    },
    entryReview: {
      initial: 'awaitingSupervisor',
      on: { CANCEL: cancel('entryReview') },
      states: {
        awaitingSupervisor: {
          entry: notify('commencementReviewRequested', { party: 'supervisor' }),
          on: {
            APPROVE_COMMENCEMENT: { guard: allowed({ waitingFor: 'supervisor' }), target: 'awaitingClient' },
            REJECT_COMMENCEMENT: {
              guard: allowed({ waitingFor: 'supervisor' }), target: '#project.entry',
              actions: ['recordRejection', notify('commencementRejected', { party: 'supervisor' })],
            },
          },
        },
        awaitingClient: {
          entry: notify('commencementReviewRequested', { party: 'client' }),
          on: {
            APPROVE_COMMENCEMENT: {
              guard: allowed({ waitingFor: 'client' }), target: '#project.construction',
              actions: ['recordStart', notify('commencementApproved')],
            },
            REJECT_COMMENCEMENT: {
              guard: allowed({ waitingFor: 'client' }), target: '#project.entry',
              actions: ['recordRejection', notify('commencementRejected', { party: 'client' })],
            },
          },
        },
      },
    },
    construction: {
      on: { REQUEST_ACCEPTANCE: { guard: allowed(), target: 'acceptanceReview' }, CANCEL: cancel('construction') },
    },
    acceptanceReview: {
      entry: notify('acceptanceRequested'),
      initial: 'awaitingSupervisor',
      on: {
        CANCEL: cancel('acceptanceReview'),
        // Changed content under signature: re-enter (new round, entry sends the links again).
        REVISE_ACCEPTANCE: {
          guard: allowed(), target: '#project.acceptanceReview', reenter: true,
          actions: { type: 'emit', params: { name: 'endAcceptanceRound', params: { voidSignatures: true } } },
        },
      },
      states: {
        awaitingSupervisor: {
          on: {
            SIGN: [
              // Only when the supervisor is the sole required party does its signature finish.
              { guard: allowed({ waitingFor: 'supervisor', branch: 'completesSignatures' }),
                target: '#project.handover', actions: 'recordAcceptance' },
              { guard: allowed({ waitingFor: 'supervisor' }), target: 'awaitingParties' },
            ],
            REJECT_ACCEPTANCE: {
              guard: allowed({ waitingFor: 'supervisor' }), target: '#project.construction',
              actions: ['recordRejection', { type: 'emit', params: rectifications }, endRound, notify('acceptanceRejected')],
            },
          },
        },
        awaitingParties: {
          entry: notify('acceptanceSignaturesRequested'),
          on: {
            SIGN: [
              { guard: allowed({ waitingFor: 'parties', branch: 'completesSignatures' }),
                target: '#project.handover', actions: 'recordAcceptance' },
              // Targetless but with an action, so `can` accepts it and the runtime records the signature.
              { guard: allowed({ waitingFor: 'parties' }), actions: notify('acceptanceSigned') },
            ],
            REJECT_ACCEPTANCE: {
              guard: allowed({ waitingFor: 'parties' }), target: '#project.construction',
              actions: ['recordRejection', { type: 'emit', params: rectifications }, endRound, notify('acceptanceRejected')],
            },
          },
        },
      },
    },
    handover: {
      type: 'parallel',
      entry: notify('projectAccepted'),
      onDone: 'closed',
      states: {
        settlement: {
          initial: 'draft',
          states: {
            draft: { on: { SUBMIT_SETTLEMENT: { guard: allowed(), target: 'submitted' } } },
            submitted: {
              entry: notify('settlementSubmitted'),
              on: {
                REVISE_SETTLEMENT: { guard: allowed(), target: 'draft', actions: notify('settlementRevised') },
                RETURN_SETTLEMENT: { guard: allowed(), target: 'draft', actions: notify('settlementReturned') },
                APPROVE_SETTLEMENT: {
                  guard: allowed(), target: 'awaitingPayment', actions: ['recordRetention', notify('settlementApproved')],
                },
              },
            },
            awaitingPayment: {
              on: {
                REVISE_SETTLEMENT: { guard: allowed(), target: 'draft', actions: notify('settlementRevised') },
                RECORD_PAYMENT: [
                  { guard: allowed({ branch: 'paysInFullNoRetention' }), target: 'retentionReleased', actions: notify('paymentRecorded') },
                  { guard: allowed({ branch: 'paysInFull' }), target: 'retentionHeld', actions: notify('paymentRecorded') },
                  { guard: allowed(), actions: notify('paymentRecorded') },
                ],
              },
            },
            retentionHeld: {
              on: {
                RELEASE_RETENTION: { guard: allowed(), target: 'retentionReleased' },
                TICK: { guard: allowed({ branch: 'retentionDue' }), target: 'retentionReleaseRequested' },
              },
            },
            retentionReleaseRequested: {
              entry: notify('retentionDue'),
              on: { RELEASE_RETENTION: { guard: allowed(), target: 'retentionReleased' } },
            },
            retentionReleased: { type: 'final', entry: notify('retentionReleased') },
          },
        },
        warranty: {
          initial: 'active',
          states: {
            active: {
              on: {
                TICK: [
                  { guard: allowed({ branch: 'warrantyExpired' }), target: 'expired' },
                  { guard: allowed({ branch: 'warrantyExpiring' }), target: 'expiring' },
                ],
              },
            },
            expiring: {
              entry: notify('warrantyExpiring'),
              on: { TICK: { guard: allowed({ branch: 'warrantyExpired' }), target: 'expired' } },
            },
            expired: { type: 'final', entry: notify('warrantyExpired') },
          },
        },
        archive: {
          initial: 'pending',
          states: {
            pending: { on: { ARCHIVE: { guard: allowed(), target: 'archived' } } },
            archived: { type: 'final' },
          },
        },
      },
    },
    closed: { type: 'final', entry: notify('projectClosed') },
    cancelled: { type: 'final', entry: notify('projectCancelled') },
  },
});

function rectifications({ event }: { event: ProjectMachineEvent }): Effect {
  return { name: 'createRectifications', params: { items: event.type === 'REJECT_ACCEPTANCE' ? event.payload.items : [] } };
}
