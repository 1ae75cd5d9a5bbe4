/** A virtual clock: `sleep` registers a timer, `run` advances time from timer to timer. */
export class FakeClock {
  private t = 0;
  private timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  private seq = 0;

  readonly now = (): number => this.t;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve });
    });

  /** Move time forward by `ms`, firing the timers that fall due on the way. */
  advance(ms: number): void {
    const target = this.t + ms;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    while (this.timers[0] !== undefined && this.timers[0].at <= target) {
      const next = this.timers.shift();
      if (next === undefined) break;
      this.t = next.at;
      next.resolve();
    }
    this.t = target;
  }

  /** Drive timers until `done` settles (or no timer is left), returning its result. */
  async run<T>(done: Promise<T>): Promise<T> {
    let settled = false;
    const tracked = done.finally(() => {
      settled = true;
    });
    for (;;) {
      await flush();
      if (settled) return tracked;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (next === undefined) return tracked;
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}
