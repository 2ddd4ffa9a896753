/**
 * Store operations are written once per implementation as plain functions of a context
 * (`(sql, ...args)` or `(ctx, ...args)`). These helpers make such a table of functions the
 * store's methods, so a new group of operations is one table in each store, not a page of
 * one-line delegating methods (STYLE.md).
 */

/** Any function taking the context first (`never[]`: every argument list fits it). */
type OpsOf<C> = Record<string, (ctx: C, ...args: never[]) => unknown>;

/** The methods a table of operations gives: the context taken away, each answering a promise. */
export type BoundOps<C, M extends OpsOf<C>> = {
  [K in keyof M]: M[K] extends (ctx: C, ...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export function bindOps<C, M extends OpsOf<C>>(ctx: C, ops: M): BoundOps<C, M> {
  const bound: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, op] of Object.entries(ops)) bound[name] = async (...args: unknown[]) => op(ctx, ...(args as never[]));
  return bound as BoundOps<C, M>;
}

/**
 * A base class whose instances carry the given methods as own properties: a store
 * `extends OpsBase<OrganizerStore>()` and passes `bindOps(...)` to `super`, and its type
 * then has them, checked against the interface it names.
 */
export function OpsBase<T extends object>(): new (ops: T) => T {
  return class {
    constructor(ops: T) {
      Object.assign(this, ops);
    }
  } as new (ops: T) => T;
}
