// `npm start`: migrations -> build -> wrangler dev on :8787 -> demo data (only into an empty database).
import { applyMigrations, build, DEMO_SHARD_DIRECTORY, seed, startServer } from './lib/server.mjs';

const port = Number(process.env.PORT ?? 8787);

console.log('• Applying database migrations to the local D1…');
applyMigrations();
console.log('• Building the app…');
build();
console.log(`• Starting the Worker in local workerd on port ${port}…`);
// cron: the every-minute jobs (email retries, message emails, quote expiry, stale checkouts) run locally too.
// The demo's second D1 shard: Fjord Digital's portal and staff are served from DB_SHARD_2.
const server = await startServer({
	port,
	stdio: 'inherit',
	cron: true,
	vars: { SHARD_DIRECTORY: DEMO_SHARD_DIRECTORY }
});
const { seeded } = await seed(server.url);
console.log(seeded ? '• Demo data seeded.' : '• Existing data kept (demo data is only seeded into an empty database).');
console.log(`
CoPortal is running.
  Staff dashboard:   http://localhost:${port}/            (owner@demo.test, owner@acme.test)
  Demo portal:       http://demo.localhost:${port}/       (client@demo.test, other@demo.test)
  Acme portal:       http://acme.localhost:${port}/       (client@acme.test)
  Fjord portal:      http://fjord.localhost:${port}/      (client@fjord.test; staff owner@fjord.test)
                     on the second D1 shard, DB_SHARD_2
  Dev outbox:        http://localhost:${port}/dev/outbox   (sign-in links arrive here)
Press Ctrl+C to stop.
`);
const shutdown = async () => {
	await server.stop();
	process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
