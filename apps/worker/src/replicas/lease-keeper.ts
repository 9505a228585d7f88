/**
 * Leadership for several worker replicas on one shared store (PostgreSQL): which replica polls each service and
 * which one sends on each lane. Every decision rests on the store's leases (`acquireLease`), never on anything a
 * replica believes on its own:
 *
 * - A lease has an expiry and a fencing epoch. The holder renews it every third of its lifetime; a replica that
 *   dies, hangs or is paused stops renewing, and another one takes the lease after it expires.
 * - A poll commits with `fence: { lease, owner, epoch }`, checked in the commit's own transaction, so a replica
 *   woken from a pause past its lease cannot move a cursor that a newer leader has moved.
 * - A lane is sent on only by its lease holder: Slack's per-channel limit is shared by every replica.
 * - Free lanes are taken one per round by a replica that already holds some, so lanes spread across replicas.
 *
 * A store without leases (SQLite, memory) serves one process: the keeper then holds everything, always.
 */
import type { Lease, Logger, Store } from '@tqalert/core';

/** Lease names. */
export const serviceLease = (service: string): string => `service:${service}`;
export const laneLease = (notifier: string, destination: string): string => `lane:${notifier}|${destination}`;

/** One line of the epoch log: who took which lease at which epoch, and when (for tests and operators). */
export interface LeaseEvent {
  at: string;
  name: string;
  owner: string;
  epoch: number;
  event: 'acquired' | 'lost';
}

export interface LeaseKeeperOptions {
  store: Store;
  owner: string;
  ttlMs: number;
  logger: Logger;
  now: () => Date;
  /** Told of every acquisition and loss (the worker logs them; the HA test reads them). */
  onEvent?: (event: LeaseEvent) => void;
}

/** Keeps this replica's service and lane leases. */
export class LeaseKeeper {
  private readonly held = new Map<string, Lease>();
  private readonly wanted = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: LeaseKeeperOptions) {}

  /** False when the store has no leases: one process owns everything. */
  get shared(): boolean {
    return typeof this.options.store.acquireLease === 'function';
  }

  /** Asks for a lease in every round from now on (services at start, lanes as they appear). */
  want(name: string): void {
    this.wanted.add(name);
  }

  /** The lease this replica holds now (undefined when it does not, or it has expired). */
  holding(name: string): Lease | undefined {
    if (!this.shared) return { name, owner: this.options.owner, epoch: 0, expiresAt: '9999-12-31T00:00:00Z' };
    const lease = this.held.get(name);
    if (!lease) return undefined;
    // Stop using a lease a little before it expires: renewal may be late, another replica may be about to take it.
    if (Date.parse(lease.expiresAt) - this.options.ttlMs / 6 <= this.options.now().getTime())
      return undefined;
    return lease;
  }

  /** Starts renewing every third of the lease time; resolves after the first round. */
  async start(): Promise<void> {
    if (!this.shared) return;
    await this.tick();
    const every = Math.max(200, Math.floor(this.options.ttlMs / 3));
    const loop = () => {
      if (this.stopped) return;
      this.timer = setTimeout(async () => {
        await this.tick().catch((error: unknown) =>
          this.options.logger.warn('lease round failed; leases held may lapse', {
            error: (error as Error).message,
          }),
        );
        loop();
      }, every);
    };
    loop();
  }

  /** One round now (renew what is held, try what is wanted). Rounds never overlap. */
  tick(): Promise<void> {
    this.round ??= this.renewAndAcquire().finally(() => {
      this.round = undefined;
    });
    return this.round;
  }

  private async renewAndAcquire(): Promise<void> {
    const { store, owner, ttlMs } = this.options;
    const acquire = store.acquireLease?.bind(store);
    if (!acquire) return;
    const heldLanes = [...this.held.keys()].filter((n) => n.startsWith('lane:')).length;
    let newLanes = 0;
    // Held first (renewals), then the rest in random order so replicas do not all reach for the same lane.
    const names = [
      ...[...this.wanted].filter((n) => this.held.has(n)),
      ...shuffle([...this.wanted].filter((n) => !this.held.has(n))),
    ];
    for (const name of names) {
      if (this.stopped) return;
      const isNewLane = name.startsWith('lane:') && !this.held.has(name);
      // Spread lanes: a replica that already sends on some lanes takes at most one more per round.
      if (isNewLane && heldLanes + newLanes > 0 && newLanes >= 1) continue;
      const before = this.held.get(name);
      const lease = await acquire({ name, owner, ttlMs, now: this.options.now() });
      if (lease) {
        this.held.set(name, lease);
        if (!before || before.epoch !== lease.epoch) {
          if (isNewLane) newLanes += 1;
          this.emit(name, lease.epoch, 'acquired');
        }
      } else if (before) {
        this.held.delete(name);
        this.emit(name, before.epoch, 'lost');
      }
    }
  }

  private emit(name: string, epoch: number, event: LeaseEvent['event']): void {
    const entry: LeaseEvent = {
      at: this.options.now().toISOString(),
      name,
      owner: this.options.owner,
      epoch,
      event,
    };
    this.options.logger.info(event === 'acquired' ? 'lease acquired' : 'lease lost', { ...entry });
    this.options.onEvent?.(entry);
  }

  /** Stops renewing and gives every held lease up, so another replica takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round?.catch(() => undefined);
    const release = this.options.store.releaseLease?.bind(this.options.store);
    if (release) {
      await Promise.allSettled(
        [...this.held.keys()].map((name) => release({ name, owner: this.options.owner })),
      );
    }
    this.held.clear();
  }
}

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
}
