import type { Compilable, CompiledQuery, DialectAdapter, Kysely, QueryResult } from 'kysely';

/**
 * Queries built and compiled once, then run again with new values: for the few queries on a
 * path every resident takes many times (a survey page saved), where Kysely building and
 * compiling a query cost more CPU than SQLite running it (measured on the survey bench: about
 * 0.3 ms of a page's 2.5 ms, with the statement cache hashing each freshly built SQL text).
 *
 * `prepared(build)` returns a function `(db, args) => QueryResult`. The first call with a given
 * shape of arguments runs `build` with stand-ins for the values (see Slot), compiles it, and keeps
 * the SQL with the place of each value; later calls put their values in those places and run
 * the kept SQL on the connection of `db` or of a transaction, as Kysely's `executeQuery` does
 * without its result plugins (there are none): half the promises Kysely made per query, which
 * had been a sixth of all a survey page allocated.
 *
 * The shape is what changes the SQL: the length of each array and the keys of each record
 * (and which values are `undefined`, which Kysely leaves out). So `build` may map over arrays and
 * records of its arguments, but must not look at their values (`if (args.x)`): a stand-in is
 * not the value. Under Jest every call also builds the query with the real values and fails
 * when the two differ, so a test of the code path catches a build that branches on a value.
 * SQL compiled for one database (one dialect adapter) is never used on another.
 */
export function prepared<S, A extends object, R>(
  build: (db: Kysely<S>, args: A) => Compilable<R>,
): (db: Kysely<S>, args: A) => Promise<QueryResult<R>> {
  const plansOf = new WeakMap<DialectAdapter, Plan<R>[]>();
  return async (db, args) => {
    // Kysely marks getExecutor internal; its adapter tells one dialect's SQL from another's.
    const executor = db.getExecutor();
    let plans = plansOf.get(executor.adapter);
    if (!plans) plansOf.set(executor.adapter, (plans = []));
    let plan = plans.find((p) => fits(args, p.shape));
    if (!plan) {
      if (executor.plugins.length) throw new Error('prepared queries skip plugins; none is set');
      plan = planOf(shapeOf(args), build(db, standIns(args, []) as A).compile());
      if (plans.unshift(plan) > MAX_SHAPES) plans.pop();
    }
    const compiled: CompiledQuery<R> = { ...plan.compiled, parameters: plan.fill(args) };
    if (CHECK) sameAsBuilt(compiled, build(db, args).compile());
    return executor.provideConnection((connection) => connection.executeQuery<R>(compiled));
  };
}

/** Shapes kept per query (a page's insert has one per number of rows); the oldest goes first. */
const MAX_SHAPES = 64;
const CHECK = process.env.NODE_ENV === 'test';

/** A value's stand-in while a prepared query is built: where in the arguments to find it. */
class Slot {
  constructor(readonly path: readonly (string | number)[]) {}

  toString(): never {
    throw new Error(`prepared query: argument ${this.path.join('.')} used as SQL text`);
  }
}

interface Plan<R> {
  shape: Shape;
  compiled: CompiledQuery<R>;
  fill(args: object): unknown[];
}

function planOf<R>(shape: Shape, compiled: CompiledQuery<R>): Plan<R> {
  const places = compiled.parameters;
  return {
    shape,
    compiled,
    fill: (args) => places.map((p) => (p instanceof Slot ? valueAt(args, p.path) : p)),
  };
}

function valueAt(args: object, path: readonly (string | number)[]): unknown {
  let v: unknown = args;
  for (const key of path) v = (v as Record<string | number, unknown>)[key];
  return v;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** The arguments with every value replaced by its Slot; arrays and plain records kept. */
function standIns(v: unknown, path: (string | number)[]): unknown {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.map((x, i) => standIns(x, [...path, i]));
  if (isRecord(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = standIns(v[k], [...path, k]);
    return out;
  }
  return new Slot(path);
}

/**
 * What of the arguments can change the SQL: array lengths, record keys (in order) and which
 * values are undefined. Checked on every call (`fits`) without allocating anything.
 */
type Shape = 'value' | 'undefined' | { list: Shape[] } | { keys: string[]; of: Shape[] };

function shapeOf(v: unknown): Shape {
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return { list: v.map(shapeOf) };
  if (isRecord(v)) return { keys: Object.keys(v), of: Object.values(v).map(shapeOf) };
  return 'value';
}

function fits(v: unknown, s: Shape): boolean {
  if (s === 'undefined') return v === undefined;
  if (s === 'value') return v !== undefined && !Array.isArray(v) && !isRecord(v);
  if ('list' in s) {
    if (!Array.isArray(v) || v.length !== s.list.length) return false;
    for (let i = 0; i < v.length; i++) if (!fits(v[i], s.list[i])) return false;
    return true;
  }
  if (!isRecord(v)) return false;
  let i = 0;
  for (const k in v) {
    if (k !== s.keys[i] || !fits(v[k], s.of[i])) return false;
    i++;
  }
  return i === s.keys.length;
}

function sameAsBuilt(run: CompiledQuery, built: CompiledQuery): void {
  const a = JSON.stringify([run.sql, run.parameters]);
  const b = JSON.stringify([built.sql, built.parameters]);
  if (a !== b) throw new Error(`prepared query differs from the built one:\n${a}\n${b}`);
}
