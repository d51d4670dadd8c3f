import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from '../../src/paths';

/**
 * Starts the real server process on a database file, as `npm start` would. One process: tsx's
 * hook is loaded into it (its CLI would run the server as a child of its own, which a SIGKILL
 * of the process we hold would not reach).
 */
export function startServer(dbPath: string): {
  child: ChildProcess;
  output: () => string;
  ready: Promise<number>;
} {
  let out = '';
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: '0',
      DATABASE_PATH: dbPath,
      LOG_LEVEL: 'info',
      SMTP_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /\(port (\d+)\)/.exec(out);
      if (m && /No staff account yet|listening/.test(out) && out.includes('\n'))
        resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`server exited early (${code}):\n${out}`)));
  });
  return { child, output: () => out, ready };
}
