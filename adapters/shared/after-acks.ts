/**
 * Work that waits behind acknowledgements: each waiting handler is let go on its own turn of the
 * event loop, in arrival order, and every turn first reads the sockets (new requests, whose
 * acknowledgements are cheap). Resolving them all on one turn instead (one `setImmediate` each) ran
 * the matching and posting of every request received in a turn back to back, and a burst's
 * acknowledgements waited behind all of it (docs/deploy.md, "Load").
 */
export class AfterAcks {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  /** How many handlers are waiting for their turn. */
  get size(): number {
    return this.waiting.length;
  }

  /** Resolves on a later turn of the event loop, after every handler that asked before. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.release);
      }
    });
  }

  // One per turn: a setImmediate queued while immediates run waits for the next turn, after the poll phase.
  private readonly release = (): void => {
    this.waiting.shift()?.();
    if (this.waiting.length > 0) setImmediate(this.release);
    else this.scheduled = false;
  };
}
