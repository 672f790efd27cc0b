// `npm run -s simulate -- sipas --campaign <id> --forms N [--seed S] [--url http://localhost:3000]
//   [--user admin] [--password P | --login-file ./data/DEMO-LOGIN.txt] [--json]`
// Posts N realistic synthetic SIPAS forms through the HTTP API of a running server and prints the planted truth.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { simulateSipas } from '../features/fieldwork/simulate';
import { loginClient } from './http-client';

const USAGE = `Usage: npm run -s simulate -- sipas --campaign <id> --forms <N> [--seed <S>] [--url <base URL>]
       [--user <username>] [--password <password> | --login-file <DEMO-LOGIN.txt>] [--resend-share 0.1] [--json]
The user must be an admin, or a supervisor of the campaign's enumerators: forms are uploaded on their behalf
(a supervisor's forms for enumerators not assigned to them are refused).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      campaign: { type: 'string' },
      forms: { type: 'string' },
      seed: { type: 'string', default: '1' },
      url: { type: 'string', default: 'http://localhost:3000' },
      user: { type: 'string', default: 'admin' },
      password: { type: 'string' },
      'login-file': { type: 'string', default: './data/DEMO-LOGIN.txt' },
      'resend-share': { type: 'string', default: '0.1' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals[0] !== 'sipas') fail(positionals[0] ? `Unknown command: ${positionals[0]}` : 'Missing command.');
  if (!values.campaign) fail('--campaign is required.');
  const forms = Number(values.forms);
  if (!Number.isInteger(forms) || forms < 1) fail('--forms must be a positive whole number.');
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) fail('--seed must be a whole number.');
  let password = values.password;
  if (!password) {
    try {
      password = /mật khẩu:\s*(\S+)/.exec(readFileSync(values['login-file'], 'utf8'))?.[1];
    } catch {
      /* reported below */
    }
  }
  if (!password) fail(`--password is required (or a readable ${values['login-file']}).`);

  const api = await loginClient(values.url, values.user, password);
  const started = Date.now();
  const r = await simulateSipas(api, {
    campaignId: values.campaign,
    forms,
    seed,
    resendShare: Number(values['resend-share']),
    onProgress: values.json ? undefined : (done, total) => process.stderr.write(`\r${done} / ${total} forms posted`),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...r, seconds: (Date.now() - started) / 1000 })}\n`);
    return;
  }
  process.stderr.write('\n');
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  console.log(`Posted ${r.posted} forms in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.stored} stored, ${r.refused} refused, ${r.flagged} flagged (${pct(r.flagged / Math.max(1, r.stored))}).`);
  console.log(`Resent ${r.resent} forms (${values['resend-share']} of batches); ${r.resendsAnsweredAsDuplicates} answered with the same receipt, nothing stored twice.`);
  console.log(`Flags: ${Object.entries(r.flagsByCode).map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
  console.log('\nPlanted truth (P[satisfied] per unit and factor) and what the generated answers show:');
  console.log(['unit'.padEnd(34), 'factor', 'planted', 'observed', 'n'].join('\t'));
  for (const t of r.truth) console.log([t.unit.padEnd(34), t.factor, t.planted.toFixed(2), t.observed === null ? '-' : t.observed.toFixed(3), t.n].join('\t'));
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
