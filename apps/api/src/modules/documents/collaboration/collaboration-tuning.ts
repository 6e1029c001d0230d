import { Injectable } from '@nestjs/common';

/*
 * Co-editing's limits and timings, one instance shared by the parts that read them, so that a
 * test (or an operator) changing a value through CollaborationService.tuning changes it where it
 * is used.
 */
@Injectable()
export class CollaborationTuning {
  /** Tests lower it to see compaction happen. */
  compactAfterUpdates = 500;
  /** Wait this long for a peer message before reading a gap from the database. */
  catchUpDelayMs = 100;
  maxQueuedBytes = 8 * 1024 * 1024;
  maxQueuedWrites = 2048;
}
