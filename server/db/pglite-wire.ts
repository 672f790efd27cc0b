import { Duplex } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';

// Frontend message types this file looks at (PostgreSQL wire protocol v3)
const QUERY = 0x51; // 'Q' simple query: ends with ReadyForQuery
const SYNC = 0x53; // 'S' ends an extended-protocol sequence (Parse/Bind/Describe/Execute…) with ReadyForQuery
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z' (backend), followed by int32 5 and the status: 'I' idle, 'T' in a transaction, 'E' failed one
const STATUS_IDLE = 0x49;
const SSL_REQUEST = 80877103;
const SYNC_MESSAGE = Buffer.from([SYNC, 0, 0, 0, 4]);

/**
 * PGlite is one PostgreSQL session. Whoever holds it keeps it from its first message until the session is idle again
 * (ReadyForQuery 'I' after a Sync or a simple Query): a whole extended-protocol sequence, and a whole transaction
 * from BEGIN to COMMIT/ROLLBACK. Everybody else waits in line (first come, first served).
 */
class SessionLock {
  private owner: object | null = null;
  private readonly waiting: { who: object; grant: () => void }[] = [];

  holds(who: object) {
    return this.owner === who;
  }

  acquire(who: object): Promise<void> {
    if (this.owner === who) return Promise.resolve();
    if (this.owner === null) {
      this.owner = who;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ who, grant }));
  }

  release(who: object) {
    const queued = this.waiting.findIndex((w) => w.who === who);
    if (queued >= 0) this.waiting.splice(queued, 1);
    if (this.owner !== who) return;
    const next = this.waiting.shift();
    this.owner = next ? next.who : null;
    next?.grant();
  }
}

/** Length of the complete message at the start of `buf` (0 if it is not all there yet). The first one has no type byte. */
function completeMessageLength(buf: Buffer, startup: boolean): number {
  if (startup) {
    if (buf.length < 4) return 0;
    const n = buf.readInt32BE(0);
    return buf.length >= n ? n : 0;
  }
  if (buf.length < 5) return 0;
  const n = 1 + buf.readInt32BE(1);
  return buf.length >= n ? n : 0;
}

/**
 * One `pg` connection to the shared PGlite session, in process (no TCP): `pg` writes frontend messages, they run
 * in PGlite while this connection holds the session, and the backend's answer is pushed back. Replaces
 * @electric-sql/pglite-socket, whose queue serialises single messages (not sequences or transactions) across
 * connections — upstream issue electric-sql/pglite#1046.
 */
class PgliteConnection extends Duplex {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private startupDone = false;
  private scheduled = false;
  private work: Promise<void> = Promise.resolve(); // this connection's runs, one after the other
  private midSequence = false; // holds the session between the messages of an unfinished sequence
  private gone = false; // closed or destroyed: nothing more runs or is pushed

  constructor(private readonly lite: PGlite, private readonly lock: SessionLock) {
    super();
  }

  // what `pg` calls on a net.Socket
  connect() {
    process.nextTick(() => this.emit('connect'));
    return this;
  }
  setNoDelay() { return this; }
  setKeepAlive() { return this; }
  ref() { return this; }
  unref() { return this; }

  override _read() {}

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void) {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    done();
    // `pg` writes Parse, Bind, Describe, Execute and Sync one after the other in the same tick: run them together
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.work = this.work.then(() => this.drain()).catch((err: Error) => { this.destroy(err); });
      });
    }
  }

  /** Complete messages waiting, in order, and whether the last one ends a sequence (a Sync, a Query, the startup). */
  private takeMessages(): { messages: Buffer[]; endsSequence: boolean; terminate: boolean } {
    let buf: Buffer = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    const messages: Buffer[] = [];
    let endsSequence = false;
    let terminate = false;
    for (;;) {
      const n = completeMessageLength(buf, !this.startupDone);
      if (n === 0) break;
      const message = buf.subarray(0, n);
      buf = buf.subarray(n);
      if (!this.startupDone) {
        if (n === 8 && message.readInt32BE(4) === SSL_REQUEST) {
          this.push(Buffer.from('N')); // no TLS in process; the client goes on with the startup message
          continue;
        }
        this.startupDone = true;
        messages.push(message);
        endsSequence = true;
        break; // the startup message runs on its own
      }
      if (message[0] === TERMINATE) {
        terminate = true;
        buf = Buffer.alloc(0);
        break;
      }
      messages.push(message);
      endsSequence = message[0] === SYNC || message[0] === QUERY;
    }
    this.pending = buf.length ? [buf] : [];
    this.pendingBytes = buf.length;
    return { messages, endsSequence, terminate };
  }

  /** Runs every complete message waiting, holding the session while it does. */
  private async drain() {
    for (;;) {
      if (this.gone) return;
      const { messages, endsSequence, terminate } = this.takeMessages();
      if (messages.length > 0) {
        await this.lock.acquire(this);
        if (this.gone) return; // _destroy gives the session back
        const idle = await this.run(messages.length === 1 ? messages[0]! : Buffer.concat(messages), true);
        this.midSequence = !endsSequence;
        if (endsSequence && idle) this.lock.release(this);
      }
      if (terminate) {
        await this.leaveSession();
        this.gone = true;
        this.push(null);
        return;
      }
      if (messages.length === 0) return;
    }
  }

  /** Runs messages in the session; returns whether it is idle afterwards (the answer ends with ReadyForQuery 'I'). */
  private async run(message: Buffer, forward: boolean): Promise<boolean> {
    const tail = Buffer.alloc(6);
    await this.lite.runExclusive(() =>
      this.lite.execProtocolRawStream(new Uint8Array(message.buffer, message.byteOffset, message.length), {
        onRawData: (data: Uint8Array) => {
          const copy = Buffer.from(data);
          if (copy.length >= 6) copy.copy(tail, 0, copy.length - 6);
          else {
            tail.copy(tail, 0, copy.length);
            copy.copy(tail, 6 - copy.length);
          }
          if (forward && !this.gone) this.push(copy);
        },
      }),
    );
    return tail[0] === READY_FOR_QUERY && tail.readInt32BE(1) === 5 && tail[5] === STATUS_IDLE;
  }

  /**
   * Gives the session back clean: a connection that goes away in the middle of a sequence or a transaction (closed,
   * killed by a timeout, terminated) must not leave its unnamed statement, its failed extended-protocol state or its
   * open transaction to the next holder.
   */
  private async leaveSession() {
    if (!this.lock.holds(this)) {
      this.lock.release(this); // only drops out of the line
      return;
    }
    try {
      if (this.midSequence) await this.run(SYNC_MESSAGE, false);
      if (this.lite.isInTransaction()) await this.run(simpleQuery('ROLLBACK'), false);
    } finally {
      this.midSequence = false;
      this.lock.release(this);
    }
  }

  override _final(done: (err?: Error | null) => void) {
    // after everything written before end() has run
    this.work = this.work.then(async () => {
      if (!this.gone) {
        await this.leaveSession();
        this.gone = true;
        this.push(null);
      }
    });
    this.work.then(() => done(), done);
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void) {
    this.gone = true;
    if (!this.lock.holds(this)) {
      this.lock.release(this); // waiting in line: leave it; nothing of ours runs any more
      done(err);
      return;
    }
    // holding the session: let the run under way finish, then clean up and give the session back
    this.work.catch(() => {}).then(() => this.leaveSession()).then(() => done(err), (cleanupErr: Error) => done(err ?? cleanupErr));
  }
}

function simpleQuery(text: string): Buffer {
  const body = Buffer.from(`${text}\0`, 'utf8');
  const head = Buffer.alloc(5);
  head[0] = QUERY;
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

/**
 * A `stream` factory for `pg` (Client/Pool option): every connection made with it shares the one PGlite session,
 * which each holds exclusively for a whole statement or transaction.
 */
export function pgliteStreams(lite: PGlite): () => Duplex {
  const lock = new SessionLock();
  return () => new PgliteConnection(lite, lock);
}
