import type { BenchEnv } from './dataset';

/** One measurement of `npm run bench`: prints its figures, never asserts. */
export interface Measurement {
  /** Short name, to run only some: `npm run bench -- pool`. */
  name: string;
  title: string;
  run(env: BenchEnv): Promise<void>;
}
