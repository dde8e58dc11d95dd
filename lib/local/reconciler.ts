/**
 * The local stand-in for a scheduled job's schedule (an EventBridge rule in AWS: the reconciler, the reminder
 * digests): runs the same handler module on a timer, and on demand. Runs never overlap; stop() waits for a run in progress.
 */
export interface LocalSchedule<R> {
  /** Runs the job now (after any run in progress) and resolves with its result. */
  runNow(event?: Record<string, unknown>): Promise<R>;
  stop(): Promise<void>;
}

export interface LocalScheduleOptions<R> {
  readonly run: (event: Record<string, unknown>) => Promise<R>;
  /** 0 or less: on demand only. */
  readonly everyMs: number;
  readonly warn: (message: string) => void;
}

export function startLocalSchedule<R>({ run, everyMs, warn }: LocalScheduleOptions<R>): LocalSchedule<R> {
  let queue: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const runNow = (event: Record<string, unknown> = {}): Promise<R> => {
    const result = queue.then(() => run(event));
    queue = result.catch(() => undefined);
    return result;
  };
  const timer =
    everyMs > 0
      ? setInterval(() => {
          if (stopped) return;
          runNow().catch((error: Error) => warn(`scheduled run failed: ${error.name}: ${error.message}`));
        }, everyMs)
      : undefined;
  timer?.unref();
  return {
    runNow,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await queue;
    },
  };
}
