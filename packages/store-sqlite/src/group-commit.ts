import type { Connection } from './connection.js';

interface Pending {
  run: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive in the same turn of the event loop share one transaction, so one WAL sync
 * (with `synchronous = full`, a disk flush of a few milliseconds) serves all of them. Each caller's promise
 * still settles only after its own write is committed, so durability is unchanged: nothing resolves early.
 *
 * Why: `node:sqlite` is synchronous, so every commit blocks the event loop for the whole flush. With ten Slack
 * lanes at 20 messages a second, one commit per `markSent` took a third of the worker's CPU time and slowed
 * every lane. The batching costs nothing when the worker is quiet (a batch of one, committed on the next
 * turn) and grows by itself when it is busy: the replies that arrived during one flush commit together in the
 * next.
 *
 * A failed batch is retried write by write, so one bad write (or a lost lease) never fails the others.
 */
export class GroupCommit {
  private readonly conn: () => Connection;
  private readonly operation: string;
  private queue: Pending[] = [];
  private scheduled = false;

  /** `conn` is asked at commit time (the store may have been closed meanwhile); `operation` names errors. */
  constructor(conn: () => Connection, operation: string) {
    this.conn = conn;
    this.operation = operation;
  }

  /** Queues `run` (the writes of one call) for the next commit; resolves once that commit is durable. */
  add(run: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ run, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued write now (also called before the store closes). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let conn: Connection;
    try {
      conn = this.conn();
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    try {
      conn.write(this.operation, () => {
        for (const write of batch) write.run();
      });
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as Pending).reject(error);
        return;
      }
      for (const write of batch) {
        try {
          conn.write(this.operation, write.run);
          write.resolve();
        } catch (own) {
          write.reject(own);
        }
      }
      return;
    }
    for (const write of batch) write.resolve();
  }
}
