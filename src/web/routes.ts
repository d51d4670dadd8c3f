import { Router } from 'express';

/** A layer of a router's stack, as far as flattening needs to know it. */
interface StackLayer {
  route?: unknown;
  /** True for a `use` at `/` (no mount path): the layer passes every request in. */
  slash?: boolean;
  handle: { stack?: StackLayer[] };
}

/**
 * One router holding the routes of several, in their order, with the routers they `use` at `/`
 * opened up in place. Express's router yields to the event loop (setImmediate) each time a
 * request leaves a router that had no route for it, so a resident's page behind twenty-odd
 * feature and use-case routers waited twenty-odd turns of the event loop, each one behind every
 * other request in flight. In one flat stack the routes are still tried in the same order, but
 * a request reaches its route in a single pass. The routers given hold routes and routers only
 * (no middleware of their own, no `next('router')`, no `router.param`), which is what makes
 * moving their layers safe; a middleware layer is refused when the app starts.
 */
export function flatRouter(...routers: Router[]): Router {
  const flat = Router();
  const add = (stack: StackLayer[]) => {
    for (const layer of stack) {
      if (layer.route) flat.stack.push(layer as unknown as (typeof flat.stack)[number]);
      else if (layer.slash && Array.isArray(layer.handle.stack)) add(layer.handle.stack);
      // A middleware would now run before the routes of the routers after its own too.
      else
        throw new Error('flatRouter takes routers of routes; use a route’s own handlers instead');
    }
  };
  for (const r of routers) add(r.stack as unknown as StackLayer[]);
  return flat;
}
