import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ReceivedMail } from './mime';

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** recipients the server refuses: 'permanent' → 550, 'temporary' → 451 */
  refuse: Map<string, 'permanent' | 'temporary'>;
  /** recipients whose message is received (kept in `received`) and then the connection is cut before the reply */
  dropAfterData: Set<string>;
  /** how long the server takes to reply 250 after receiving a message (a slow server; 0 by default) */
  replyDelayMs: number;
  /** connection errors the server saw (e.g. ECONNRESET from a client killed mid-session) */
  connectionErrors: Error[];
  close(): Promise<void>;
}

/** A real SMTP server in-process (smtp-server), keeping what it receives. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const refuse = new Map<string, 'permanent' | 'temporary'>();
  const dropAfterData = new Set<string>();
  const state = { replyDelayMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const mode = refuse.get(address.address.toLowerCase());
      if (!mode) return callback();
      const err = Object.assign(new Error(mode === 'permanent' ? '5.1.1 Mailbox unavailable' : '4.2.0 Try again later'), { responseCode: mode === 'permanent' ? 550 : 451 });
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        received.push(parseMail(Buffer.concat(chunks).toString('utf8'), to));
        if (dropAfterData.has(to.toLowerCase())) {
          // the message is here, but the sender never hears so: the connection breaks before the reply
          for (const c of server.connections) if ((c as unknown as { id: string }).id === session.id) (c as unknown as { _socket: { destroy(): void } })._socket.destroy();
          return;
        }
        if (state.replyDelayMs > 0) setTimeout(() => callback(), state.replyDelayMs);
        else callback();
      });
    },
  });
  // a client that dies mid-session (the fault tests SIGKILL the app while it sends) resets its connection: smtp-server
  // re-emits that on the server, where an unheard 'error' would end the test process; it is counted, not thrown
  const connectionErrors: Error[] = [];
  server.on('error', (err: Error) => { connectionErrors.push(err); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    dropAfterData,
    connectionErrors,
    get replyDelayMs() { return state.replyDelayMs; },
    set replyDelayMs(ms: number) { state.replyDelayMs = ms; },
    close: () => new Promise((resolve) => {
      for (const c of server.connections) (c as unknown as { _socket: { destroy(): void } })._socket.destroy();
      server.close(() => resolve());
    }),
  };
}
