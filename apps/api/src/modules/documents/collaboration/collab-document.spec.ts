import { CollabDocument } from './collab-document';

describe('CollabDocument watermark', () => {
  let entry: CollabDocument;
  beforeEach(() => {
    entry = new CollabDocument('doc');
  });
  afterEach(() => entry.destroy());

  it('advances over contiguous sequence numbers', () => {
    entry.markApplied(1);
    entry.markApplied(2);
    expect(entry.appliedThrough).toBe(2);
    expect(entry.hasGap).toBe(false);
  });

  it('holds updates above a gap until it is filled', () => {
    entry.markApplied(1);
    entry.markApplied(3);
    entry.markApplied(4);
    expect(entry.appliedThrough).toBe(1);
    expect(entry.hasGap).toBe(true);
    expect(entry.isApplied(3)).toBe(true);
    expect(entry.isApplied(2)).toBe(false);
    expect(entry.highestApplied).toBe(4);
    entry.markApplied(2);
    expect(entry.appliedThrough).toBe(4);
    expect(entry.hasGap).toBe(false);
  });

  it('jumps to what the database says is complete', () => {
    entry.markApplied(5);
    entry.markApplied(9);
    entry.advanceTo(7);
    expect(entry.appliedThrough).toBe(7);
    expect(entry.hasGap).toBe(true);
    entry.advanceTo(8);
    expect(entry.appliedThrough).toBe(9);
    expect(entry.hasGap).toBe(false);
  });

  it('counts the tail after the snapshot', () => {
    entry.snapshotSeq = 10;
    entry.advanceTo(25);
    expect(entry.tailLength).toBe(15);
  });
});
