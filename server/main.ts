import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { loadReferenceData } from './seeding/reference-data';
import { hasAnyUser, loadDemoData } from './seeding/demo-data';
import { loadDemoFieldwork } from './seeding/demo-fieldwork';
import { loadDemoLeadership } from './seeding/demo-leadership';
import { buildApp } from './app';

/** `npm start`: validate config, open (embedded or real) PostgreSQL, migrate, load data, serve API + web. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const database = await openDatabase(config.database);
  await migrateToLatest(database.db);
  await loadReferenceData(database.db);
  let demo: Awaited<ReturnType<typeof loadDemoData>> | null = null;
  if (config.demoData && !(await hasAnyUser(database.db))) demo = await loadDemoData(database.db);

  const app = await buildApp(config, database);
  if (demo) {
    const fieldwork = await loadDemoFieldwork(app, database.db, demo.password);
    console.log(`Demo SIPAS fieldwork: ${fieldwork.stored} synthetic forms posted through the API (${fieldwork.flagged} flagged).`);
    const leadership = await loadDemoLeadership(app, database.db);
    console.log(`Demo leadership survey: ${leadership.invited} invitations in the in-app outbox, ${leadership.answered} answered.`);
  }
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await app.listen({ port: config.port, host: config.host });

  const where = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite ${config.database.dataDir}`;
  const url = `http://localhost:${config.port}`;
  console.log(`\nParIndex is running at ${url}  (database: ${where})`);
  if (demo) {
    const lines = [
      'Demo accounts / Tài khoản demo (all share one password / cùng một mật khẩu):',
      ...demo.accounts.map((a) => `  ${a.username.padEnd(12)} ${a.role.padEnd(11)} ${a.displayName}`),
      `  password / mật khẩu: ${demo.password}`,
    ];
    console.log(lines.join('\n'));
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(join(config.dataDir, 'DEMO-LOGIN.txt'), `${url}\n${lines.join('\n')}\n`, { mode: 0o600 });
    console.log(`  (also written to ${join(config.dataDir, 'DEMO-LOGIN.txt')})\n`);
  } else if (config.demoData) {
    console.log(`Demo login: see ${join(config.dataDir, 'DEMO-LOGIN.txt')} (written on first start).\n`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
