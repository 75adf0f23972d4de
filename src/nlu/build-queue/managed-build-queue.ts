import type { BuildQueue } from '../../domain/model-builds.js';

/** A build queue the process owns: it can wait for work in hand and stop taking more. */
export interface ManagedBuildQueue extends BuildQueue {
  /** Resolves when every build this process has taken on so far has finished. */
  drain(): Promise<void>;
  close(): Promise<void>;
}
