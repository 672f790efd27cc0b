import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ReceivedMail } from './mime';

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** recipients the server refuses: 'permanent' → 550, 'temporary' → 451 */
  refuse: Map<string, 'permanent' | 'temporary'>;
  close(): Promise<void>;
}

/** A real SMTP server in-process (smtp-server), keeping what it receives. */
export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const refuse = new Map<string, 'permanent' | 'temporary'>();
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
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, refuse, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
