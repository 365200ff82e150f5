// `npm run test:unit:ahead [days]`: the workerd suite with the Worker's clock moved forward
// (default 400 days), so a test whose dates only work this year fails the day it is written.
// Any instant can also be given directly: TEST_NOW=2030-12-31T23:30:00Z npm run test:unit
import { spawnSync } from 'node:child_process';

const days = Number(process.argv[2] ?? 400);
const testNow = new Date(Date.now() + days * 86_400_000).toISOString();
console.log(`• workerd tests with TEST_NOW=${testNow} (${days} days ahead)`);
const run = spawnSync('npx', ['vitest', 'run'], { stdio: 'inherit', env: { ...process.env, TEST_NOW: testNow } });
process.exit(run.status ?? 1);
