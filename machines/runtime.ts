// Pure runtime around the project statechart: no database, no clock, never throws on bad input.
// The server loads a persisted snapshot + facts, calls decide(), stores the new snapshot and then
// performs the returned effects.
import { initialTransition, transition, type AnyStateNode, type StateValue } from 'xstate';
import { isValidInstant } from '../app/lib/calendar';
import { check } from './checks';
import { INITIAL_CONTEXT, PROJECT_MACHINE_VERSION, projectMachine } from './project';
import {
  EVENT_ROLES, EVENT_TYPES, STAGES,
  type Effect, type EventType, type GuardParams, type ProjectContext, type ProjectMachineEvent,
  type Refusal, type Role, type Stage,
} from './types';

export { STAGES, STAGE_LABELS, EVENT_LABELS, SUBSTATE_LABELS } from './labels';
export { PROJECT_MACHINE_VERSION };

export interface PersistedProjectSnapshot {
  machineVersion: number;
  value: StateValue;
  context: ProjectContext;
  status: 'active' | 'done' | 'error' | 'stopped';
  [key: string]: unknown; // children/historyValue as xstate persists them
}
export type Decision =
  | { ok: true; snapshot: PersistedProjectSnapshot; fromStage: Stage; toStage: Stage;
      fromValue: StateValue; toValue: StateValue; effects: Effect[] }
  | { ok: false; kind: 'refused'; refusals: Refusal[] }
  | { ok: false; kind: 'badSnapshot'; refusals: Refusal[] };

export type SnapshotMigration = (snap: Record<string, unknown>) => Record<string, unknown>;
/** Keyed by the version a migration upgrades FROM (n → n+1). Empty: v1 is the first version. */
export const SNAPSHOT_MIGRATIONS: Record<number, SnapshotMigration> = {};
export interface MigrationOptions { migrations?: Record<number, SnapshotMigration>; current?: number }

type Resolved = ReturnType<typeof projectMachine.resolveState>;
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const invalid = (reason: string): Refusal[] => [{ code: 'SNAPSHOT_INVALID', params: { reason } }];

function persist(snapshot: Resolved, machineVersion: number): PersistedProjectSnapshot {
  // A JSON round trip makes the returned value exactly what the database will hand back later.
  const json = JSON.parse(JSON.stringify(projectMachine.getPersistedSnapshot(snapshot)));
  return { machineVersion, ...json };
}

export function initialProjectSnapshot(): PersistedProjectSnapshot {
  const [snapshot] = initialTransition(projectMachine);
  return persist(snapshot, PROJECT_MACHINE_VERSION);
}

export function migrateSnapshot(
  persisted: unknown,
  migrations: Record<number, SnapshotMigration> = SNAPSHOT_MIGRATIONS,
  current: number = PROJECT_MACHINE_VERSION,
): { ok: true; snapshot: Record<string, unknown> } | { ok: false; refusals: Refusal[] } {
  if (!isObj(persisted)) return { ok: false, refusals: invalid('not an object') };
  const version = persisted.machineVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, refusals: invalid('machineVersion missing') };
  }
  const unsupported = [{ code: 'SNAPSHOT_VERSION_UNSUPPORTED', params: { version, current } }];
  let snap: Record<string, unknown> = persisted;
  for (let v = version; v < current; v++) {
    const migrate = migrations[v];
    if (!migrate) return { ok: false, refusals: unsupported };
    try {
      snap = { ...migrate(structuredClone(snap)), machineVersion: v + 1 };
    } catch {
      return { ok: false, refusals: invalid(`migration from v${v} failed`) };
    }
  }
  return version > current ? { ok: false, refusals: unsupported } : { ok: true, snapshot: snap };
}

// Context must carry exactly the known keys with JSON-safe values; anything else is corruption.
function contextProblem(ctx: unknown): string | null {
  if (!isObj(ctx)) return 'context not an object';
  for (const key of Object.keys(INITIAL_CONTEXT) as (keyof ProjectContext)[]) {
    const v = ctx[key];
    const ok = key === 'retentionFen' ? v === null || typeof v === 'number'
      : key === 'lastRejection' ? v === null || isObj(v) : v === null || typeof v === 'string';
    if (!ok) return `context.${key}`;
  }
  return null;
}

function load(persisted: unknown, opts: MigrationOptions = {}):
  { ok: true; snapshot: Resolved; version: number } | { ok: false; refusals: Refusal[] } {
  const current = opts.current ?? PROJECT_MACHINE_VERSION;
  const migrated = migrateSnapshot(persisted, opts.migrations ?? SNAPSHOT_MIGRATIONS, current);
  if (!migrated.ok) return migrated;
  const { value, context, status, historyValue } = migrated.snapshot;
  if (typeof value !== 'string' && !isObj(value)) return { ok: false, refusals: invalid('value') };
  const problem = contextProblem(context);
  if (problem) return { ok: false, refusals: invalid(problem) };
  try {
    const snapshot = projectMachine.resolveState({
      value: value as StateValue, context: context as ProjectContext,
      status: status === 'done' ? 'done' : 'active', historyValue: isObj(historyValue) ? historyValue as never : undefined,
    });
    return { ok: true, snapshot, version: current };
  } catch (e) {
    return { ok: false, refusals: invalid(e instanceof Error ? e.message : 'unresolvable state') };
  }
}

export function stageOf(value: StateValue): Stage {
  const top = typeof value === 'string' ? value : Object.keys(value ?? {})[0];
  return (STAGES as readonly string[]).includes(top) ? (top as Stage) : 'bidding';
}

function activeNodes(snapshot: Resolved): AnyStateNode[] {
  return snapshot._nodes as AnyStateNode[];
}

function acceptedBy(snapshot: Resolved): EventType[] {
  const types = new Set(activeNodes(snapshot).flatMap((n) => Object.keys(n.on)));
  return EVENT_TYPES.filter((t) => types.has(t));
}

export function acceptedEventTypes(persisted: unknown, opts?: MigrationOptions): EventType[] {
  const loaded = load(persisted, opts);
  return loaded.ok ? acceptedBy(loaded.snapshot) : [];
}

export function eventsForRole(persisted: unknown, role: Role | 'system', opts?: MigrationOptions): EventType[] {
  return acceptedEventTypes(persisted, opts).filter((t) => EVENT_ROLES[t].includes(role));
}

function eventProblem(event: unknown): boolean {
  if (!isObj(event) || !EVENT_TYPES.includes(event.type as EventType)) return true;
  if (!isValidInstant(event.at) || !isObj(event.actor) || typeof event.actor.role !== 'string') return true;
  return !isObj(event.payload) || !isObj(event.facts);
}

function dedupe(refusals: Refusal[]): Refusal[] {
  const seen = new Set<string>();
  return refusals.filter((r) => !seen.has(JSON.stringify(r)) && !!seen.add(JSON.stringify(r)));
}

// Explanations come from the same guard params the machine uses, read from the active transitions.
function explainResolved(snapshot: Resolved, event: ProjectMachineEvent): Refusal[] {
  if (snapshot.can(event)) return [];
  const candidates = activeNodes(snapshot).flatMap((n) => n.on[event.type] ?? []);
  if (candidates.length === 0) {
    return [{ code: 'EVENT_NOT_ALLOWED_IN_STAGE', params: { event: event.type, stage: stageOf(snapshot.value) } }];
  }
  const refusals = dedupe(candidates.flatMap((t) => {
    const guard = t.guard as { params?: GuardParams } | undefined;
    return check(snapshot.context, event, guard?.params ?? {});
  }));
  if (refusals.length) return refusals;
  return [{ code: event.type === 'TICK' ? 'NOTHING_DUE' : 'CONDITIONS_NOT_MET' }];
}

export function explain(persisted: unknown, event: ProjectMachineEvent, opts?: MigrationOptions): Refusal[] {
  const loaded = load(persisted, opts);
  if (!loaded.ok) return loaded.refusals;
  if (eventProblem(event)) return [{ code: 'EVENT_INVALID' }];
  try {
    return explainResolved(loaded.snapshot, event);
  } catch {
    return [{ code: 'EVENT_INVALID' }];
  }
}

export function decide(persisted: unknown, event: ProjectMachineEvent, opts?: MigrationOptions): Decision {
  const loaded = load(persisted, opts);
  if (!loaded.ok) return { ok: false, kind: 'badSnapshot', refusals: loaded.refusals };
  if (eventProblem(event)) return { ok: false, kind: 'refused', refusals: [{ code: 'EVENT_INVALID' }] };
  const from = loaded.snapshot;
  try {
    // Guards may throw on malformed payload/facts (e.g. a missing array): that is a bad event.
    if (!from.can(event)) return { ok: false, kind: 'refused', refusals: explainResolved(from, event) };
    const [next, actions] = transition(projectMachine, from, event);
    const effects = actions
      .filter((a) => a.type === 'emit')
      .map((a) => structuredClone(a.params) as Effect);
    return {
      ok: true,
      snapshot: persist(next, loaded.version),
      fromStage: stageOf(from.value), toStage: stageOf(next.value),
      fromValue: from.value, toValue: next.value,
      effects,
    };
  } catch {
    return { ok: false, kind: 'refused', refusals: [{ code: 'EVENT_INVALID' }] };
  }
}
