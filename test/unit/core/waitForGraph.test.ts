import { describe, expect, it } from 'vitest';
import { explainBlocked, findCycle, primitiveName, threadLabel, waitClause, type BlockedThread, type ThreadInfo } from '../../../src/grader/waitForGraph.ts';

const alice: ThreadInfo = { id: 3, name: 'alice' };
const bob: ThreadInfo = { id: 4, name: 'bob' };
const carol: ThreadInfo = { id: 5, startedAt: 'ring.ts:30' };
const grading: ThreadInfo = { id: 1, grading: true };

const waitsForLock = (thread: ThreadInfo, name: string, owner?: ThreadInfo, at = 'deadlock.ts:16'): BlockedThread => ({
  thread,
  on: { kind: 'mutex', name },
  ...(owner ? { owner } : {}),
  at,
});

describe('threadLabel and primitiveName', () => {
  it('names a thread by its worker name, its role, or where it was started', () => {
    expect(threadLabel(alice)).toBe('thread 3 (worker "alice")');
    expect(threadLabel(grading)).toBe('thread 1 (the thread that calls your code)');
    expect(threadLabel(carol)).toBe('thread 5 (a worker started at ring.ts:30)');
    expect(threadLabel({ id: 9 })).toBe('thread 9');
  });

  it('quotes a primitive name only when it has spaces or odd characters', () => {
    expect(primitiveName('accounts[0]')).toBe('accounts[0]');
    expect(primitiveName('mutex#2')).toBe('mutex#2');
    expect(primitiveName('account 0')).toBe('"account 0"');
  });
});

describe('findCycle', () => {
  it('finds two threads each waiting for the lock the other holds, from the lowest thread id', () => {
    const blocked = [waitsForLock(bob, 'savings', alice), waitsForLock(alice, 'checking', bob)];
    expect(findCycle(blocked)?.map((b) => b.thread.id)).toEqual([3, 4]);
  });

  it('finds a ring of three, and leaves out a thread that only waits on the ring', () => {
    const blocked = [
      waitsForLock(carol, 'a', alice),
      waitsForLock(alice, 'b', bob),
      waitsForLock(bob, 'c', carol),
      waitsForLock({ id: 7 }, 'a', alice),
    ];
    expect(findCycle(blocked)?.map((b) => b.thread.id)).toEqual([3, 4, 5]);
  });

  it('finds no cycle in a chain, nor through a free lock, an event or a semaphore', () => {
    expect(findCycle([waitsForLock(alice, 'a', bob), waitsForLock(bob, 'b')])).toBeUndefined();
    expect(findCycle([waitsForLock(alice, 'a', bob), { thread: bob, on: { kind: 'event', name: 'go' }, owner: alice }])).toBeUndefined();
    expect(findCycle([])).toBeUndefined();
  });

  it('follows RLocks as well as Mutexes', () => {
    const blocked: BlockedThread[] = [
      { thread: alice, on: { kind: 'rlock', name: 'r' }, owner: bob },
      { thread: bob, on: { kind: 'mutex', name: 'm' }, owner: alice },
    ];
    expect(findCycle(blocked)).toHaveLength(2);
  });
});

describe('explainBlocked', () => {
  it('says who holds what, who waits for what and where, then the cycle', () => {
    const explained = explainBlocked([waitsForLock(bob, 'savings', alice), waitsForLock(alice, 'checking', bob)]);
    expect(explained).toEqual({
      deadlock: true,
      text:
        'thread 3 (worker "alice") holds savings and waits for checking at deadlock.ts:16; ' +
        'thread 4 (worker "bob") holds checking and waits for savings at deadlock.ts:16. ' +
        'Cycle: 3 → checking → 4 → savings → 3.',
    });
  });

  it('adds the threads blocked outside the cycle', () => {
    const blocked = [waitsForLock(alice, 'a', bob), waitsForLock(bob, 'b', alice), { thread: grading, on: { kind: 'event', name: 'done' } } as BlockedThread];
    expect(explainBlocked(blocked).text).toMatch(/Cycle: 3 → a → 4 → b → 3\. Also blocked: thread 1 \(the thread that calls your code\) waits for event done to be set\.$/);
  });

  it('without a cycle, lists what each blocked thread waits on', () => {
    const blocked: BlockedThread[] = [
      { thread: bob, on: { kind: 'semaphore', name: 'slots', state: '0 free' }, at: 'pool.ts:8' },
      { thread: alice, on: { kind: 'condition', name: 'not empty' } },
      waitsForLock(carol, 'm', { id: 6 }),
    ];
    expect(explainBlocked(blocked)).toEqual({
      deadlock: false,
      text:
        'Blocked at that moment: thread 3 (worker "alice") waits on condition "not empty" for a notify(); ' +
        'thread 4 (worker "bob") waits for a permit of semaphore slots (0 free) at pool.ts:8; ' +
        'thread 5 (a worker started at ring.ts:30) waits for lock m, held by thread 6 at deadlock.ts:16.',
    });
  });

  it('words a barrier and a free lock', () => {
    expect(waitClause({ thread: alice, on: { kind: 'barrier', name: 'gate', state: '1 of 3 waiting' } })).toBe('waits at barrier gate (1 of 3 waiting)');
    expect(waitClause({ thread: alice, on: { kind: 'rlock', name: 'r' } })).toBe('waits for rlock r');
    expect(waitClause({ thread: alice, on: { kind: 'mutex', name: 'm' }, owner: { ...bob, exited: true } })).toBe(
      'waits for lock m, held by thread 4 (worker "bob"), which ended without unlocking it',
    );
  });
});
