import express, { Router, type RequestHandler } from 'express';
import request from 'supertest';
import { chain, flatRouter } from '../../src/web/routes';

/** A router of use cases, as a feature builds it: routers of routes used at `/`. */
function feature(name: string, paths: string[]): Router {
  const outer = Router();
  for (const p of paths) {
    const inner = Router();
    inner.get(p, (_req, res) => void res.send(`${name} ${p}`));
    outer.use(inner);
  }
  return outer;
}

function appOf(router: RequestHandler) {
  const app = express();
  app.use(router);
  app.use((_req, res) => void res.status(404).send('not found'));
  return app;
}

describe('flatRouter', () => {
  it('answers every route of every router, the first router given winning a shared path', async () => {
    const app = appOf(
      flatRouter(feature('one', ['/a', '/shared/:x']), feature('two', ['/shared/y', '/b'])),
    );
    expect((await request(app).get('/a')).text).toBe('one /a');
    expect((await request(app).get('/b')).text).toBe('two /b');
    expect((await request(app).get('/shared/y')).text).toBe('one /shared/:x');
    expect((await request(app).get('/nowhere')).status).toBe(404);
  });

  it('holds the routes in one stack, so a request reaches the last route without leaving a router', () => {
    const routers = Array.from({ length: 30 }, (_, i) => feature(`f${i}`, [`/p${i}`]));
    const flat = flatRouter(...routers);
    expect(flat.stack).toHaveLength(30);
    expect(flat.stack.every((layer) => layer.route)).toBe(true);
  });

  it('reaches a route behind thirty routers within the same turn of the event loop', async () => {
    const routers = Array.from({ length: 30 }, (_, i) => feature(`f${i}`, [`/p${i}`]));
    const turns = (router: RequestHandler) =>
      new Promise<boolean>((resolve) => {
        let turned = false;
        setImmediate(() => (turned = true));
        const res = { send: () => resolve(turned) } as unknown as express.Response;
        const req = { method: 'GET', url: '/p29', headers: {} } as unknown as express.Request;
        router(req, res, () => resolve(turned));
      });
    expect(await turns(flatRouter(...routers))).toBe(false);
    // The nested routers as they were: each router left behind costs a turn.
    const nested = Router();
    for (const r of routers) nested.use(r);
    expect(await turns(nested)).toBe(true);
  });

  it('offers a request the routes of its first segment and those with a parameter there, in order', async () => {
    const flat = flatRouter(
      feature('one', ['/', '/a/b', '/:x/edit']),
      feature('two', ['/a/edit', '/:x/b', '/a/c', '/b/:y']),
    );
    const app = appOf(flat);
    expect((await request(app).get('/')).text).toBe('one /');
    expect((await request(app).get('/a/b')).text).toBe('one /a/b');
    // A parameter route given first still wins over a literal one given after it.
    expect((await request(app).get('/a/edit')).text).toBe('one /:x/edit');
    expect((await request(app).get('/zz/b')).text).toBe('two /:x/b');
    expect((await request(app).get('/a/c')).text).toBe('two /a/c');
    expect((await request(app).get('/b/9')).text).toBe('two /b/:y');
    expect((await request(app).get('/zz/c')).status).toBe(404);
    // As the routers match: without regard to case, with or without a trailing slash.
    expect((await request(app).get('/A/C/')).text).toBe('two /a/c');
    // A request line holding the whole URL (absolute form) is routed by its path too.
    const sent = await new Promise((resolve) => {
      const req = { method: 'GET', url: 'http://city.test/a/c', headers: {} };
      const res = { send: resolve };
      flat(req as express.Request, res as unknown as express.Response, () => resolve(404));
    });
    expect(sent).toBe('two /a/c');
  });

  it('refuses a router holding a middleware, which would reach the routers after it', () => {
    const r = Router();
    r.use((_req, _res, next) => next());
    r.get('/a', (_req, res) => void res.send('a'));
    expect(() => flatRouter(r)).toThrow(/routes/);
  });
});

describe('chain', () => {
  /** An app whose one middleware is `handlers` chained, answering what they left in res.locals. */
  function chained(...handlers: RequestHandler[]) {
    const app = express();
    app.use(chain(...handlers));
    app.get('/', (_req, res) => void res.send((res.locals.seen as string[]).join(' ')));
    app.use(((err, _req, res, _next) => {
      void res.status(500).send(`error: ${(err as Error).message}`);
    }) as express.ErrorRequestHandler);
    return app;
  }
  const mark =
    (name: string): RequestHandler =>
    (_req, res, next) => {
      res.locals.seen = [...((res.locals.seen as string[]) ?? []), name];
      next();
    };

  it('runs each handler in order, then the routes after it', async () => {
    expect((await request(chained(mark('a'), mark('b'), mark('c'))).get('/')).text).toBe('a b c');
  });

  it('waits for a handler that calls next later', async () => {
    const later: RequestHandler = (_req, _res, next) => void setTimeout(() => next(), 5);
    expect((await request(chained(mark('a'), later, mark('b'))).get('/')).text).toBe('a b');
  });

  it('ends with the error of a handler that passes one, throws or rejects, skipping the rest', async () => {
    const failures: RequestHandler[] = [
      (_req, _res, next) => next(new Error('passed')),
      () => {
        throw new Error('thrown');
      },
      async () => {
        await Promise.resolve();
        throw new Error('rejected');
      },
    ];
    for (const [i, fail] of failures.entries()) {
      const res = await request(chained(mark('a'), fail, mark('never'))).get('/');
      expect(res.status).toBe(500);
      expect(res.text).toBe(`error: ${['passed', 'thrown', 'rejected'][i]}`);
    }
  });

  it('goes on after next("route"), as the router does for middleware', async () => {
    const route: RequestHandler = (_req, _res, next) => next('route');
    expect((await request(chained(mark('a'), route, mark('b'))).get('/')).text).toBe('a b');
  });
});
