import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ExecutionRecord, ExecutionStore } from '../../lib/local/stepfunctions/store.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function newStore() {
  const dir = await mkdtemp(join(tmpdir(), 'desa-store-'));
  dirs.push(dir);
  const errors: unknown[] = [];
  const store = new ExecutionStore(dir, (error) => errors.push(error));
  await store.load();
  return { dir, store, errors };
}

const record = (name: string): ExecutionRecord => ({
  executionArn: `arn:aws:states:local:000000000000:execution:machine:${name}`,
  stateMachineArn: 'arn:aws:states:local:000000000000:stateMachine:machine',
  name,
  input: '{}',
  status: 'RUNNING',
  startDate: '2026-05-01T00:00:00.000Z',
  transitions: 0,
  waiting: [],
});

async function reload(dir: string) {
  const store = new ExecutionStore(dir, () => undefined);
  await store.load();
  return store;
}

/** The local Step Functions' records survive restarts and crashes; a change costs a line, not a rewrite. */
describe('the local execution store', () => {
  it('keeps every change across a reload, with changes appended to a journal rather than rewriting all', async () => {
    // Prepare
    const { dir, store } = await newStore();
    const records = Array.from({ length: 50 }, (_, index) => record(`r${index}`));
    for (const item of records) {
      store.add(item);
      await store.save(item);
    }

    // Act: many small changes, each saved alone
    for (const [index, item] of records.entries()) {
      item.transitions = index + 1;
      await store.save(item);
    }

    // Assess: the journal holds the changes, the snapshot was not rewritten for each, and a reload sees all
    const journal = (await readFile(store.journalFile, 'utf8')).trim().split('\n');
    expect(journal.length).toBe(1 + 100);
    const reloaded = await reload(dir);
    expect(reloaded.all().map((item) => item.transitions)).toEqual(records.map((_, index) => index + 1));
  });

  it('leaves a single snapshot after a flush, which older readers of executions.json understand', async () => {
    // Prepare
    const { dir, store } = await newStore();
    const item = record('flushed');
    store.add(item);
    await store.save(item);
    item.status = 'SUCCEEDED';
    await store.save(item);

    // Act
    await store.flush();

    // Assess
    const snapshot = JSON.parse(await readFile(store.file, 'utf8')) as { executions: ExecutionRecord[] };
    expect(snapshot.executions).toEqual([expect.objectContaining({ name: 'flushed', status: 'SUCCEEDED' })]);
    await expect(readFile(store.journalFile, 'utf8')).rejects.toThrow();
    expect((await reload(dir)).all()).toEqual(snapshot.executions);
  });

  it('ignores a journal line cut short by a crash, and a journal left over from before the last snapshot', async () => {
    // Prepare: a snapshot (generation 1), then a journal of generation 1 with one good and one torn line
    const { dir, store } = await newStore();
    const item = record('crashy');
    store.add(item);
    await store.save();
    item.transitions = 5;
    await store.save(item);
    await writeFile(
      store.journalFile,
      `${await readFile(store.journalFile, 'utf8')}{"executionArn":"arn:tor`,
    );

    // Act
    const afterCrash = await reload(dir);
    // a stale journal: written for generation 0, found beside a generation-1 snapshot
    await writeFile(store.journalFile, `{"generation":0}\n${JSON.stringify({ ...item, transitions: 99 })}\n`);
    const withStaleJournal = await reload(dir);

    // Assess
    expect(afterCrash.get(item.executionArn)?.transitions).toBe(5);
    expect(withStaleJournal.get(item.executionArn)?.transitions).toBe(0);
  });
});
