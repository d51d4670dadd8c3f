import { Router, type RequestHandler } from 'express';

/** A layer of a router's stack, as far as flattening needs to know it. */
interface StackLayer {
  route?: { path: unknown };
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
 *
 * A request is then offered only the routes that can match it: those whose path starts with the
 * same first segment as the request's (`/s/r/:rid` for `/s/…`), and those whose first segment
 * is not a literal (`/:id`), in their order, instead of trying every route of the app in turn
 * (measured on the survey bench: the router's own time per page down by a third, about 1% of
 * the page). Paths are matched without regard to case, as the routers match them. `stack` holds
 * every route, in order.
 */
export function flatRouter(...routers: Router[]): RequestHandler & { stack: StackLayer[] } {
  const layers: StackLayer[] = [];
  const add = (stack: StackLayer[]) => {
    for (const layer of stack) {
      if (layer.route) layers.push(layer);
      else if (layer.slash && Array.isArray(layer.handle.stack)) add(layer.handle.stack);
      // A middleware would now run before the routes of the routers after its own too.
      else
        throw new Error('flatRouter takes routers of routes; use a route’s own handlers instead');
    }
  };
  for (const r of routers) add(r.stack as unknown as StackLayer[]);

  const firstOf = layers.map((layer) => literalFirstSegment(layer.route!.path));
  const byFirst = new Map<string, Router>();
  for (const first of firstOf) if (first !== null) byFirst.set(first, Router());
  const anyFirst = Router();
  const every = Router(); // a URL not starting with its path (`http://host/…`) tries them all
  const push = (router: Router, layer: StackLayer) =>
    router.stack.push(layer as unknown as (typeof router.stack)[number]);
  layers.forEach((layer, i) => {
    push(every, layer);
    const first = firstOf[i];
    if (first !== null) return push(byFirst.get(first)!, layer);
    for (const router of [...byFirst.values(), anyFirst]) push(router, layer);
  });
  const routerFor = (url: string) =>
    url.startsWith('/') ? (byFirst.get(firstSegment(url)) ?? anyFirst) : every;
  const handler: RequestHandler = (req, res, next) => routerFor(req.url)(req, res, next);
  return Object.assign(handler, { stack: layers });
}

/** The first segment of a path (or of a URL's path), lower case: `/S/r/12?x` → `s`, `/` → ``. */
const firstSegment = (url: string): string => (/^\/([^/?#]*)/.exec(url)?.[1] ?? '').toLowerCase();

/** A route path's first segment when it is plain text (lower case), else null (`/:id`, a RegExp). */
function literalFirstSegment(path: unknown): string | null {
  if (typeof path !== 'string' || !path.startsWith('/')) return null;
  const first = firstSegment(path);
  return /^[\w.~-]*$/.test(first) ? first : null;
}

/**
 * The middleware every page passes, run one after another as a single layer of the app's
 * router: each `next()` calls the next one directly. Express's router does work per layer
 * (path match, parameter handling, a closure or two), which a dozen middleware mounted at `/`
 * repeated on every request (its own time was about 5% of a survey page's CPU). A handler that
 * throws, rejects or calls `next(err)` ends the chain with that error, as a layer of its own
 * would; `next('route')` is a plain `next()` here, as it is for middleware.
 */
export function chain(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, done) => {
    let i = 0;
    const next = (err?: unknown): void => {
      if (err === 'route') err = undefined;
      if (err || i === handlers.length) return done(err);
      const handler = handlers[i++];
      try {
        const returned: unknown = handler(req, res, next);
        if (returned instanceof Promise)
          returned.catch((e: unknown) => next(e || new Error('Rejected promise')));
      } catch (e) {
        next(e);
      }
    };
    next();
  };
}
