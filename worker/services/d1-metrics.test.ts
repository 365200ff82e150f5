import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createExecutionContext } from 'cloudflare:test';
import { api } from '../http/app';
import { seed, testServices, hosts, DEMO, sessionCookie } from '../../tests/helpers';
import { countingD1 } from './d1-metrics';
import { createDb } from './db';
import { projects } from '../../db/schema';

describe('D1 metrics (development instrument)', () => {
	it('counts a batch as one round trip and each single query as one', async () => {
		await seed(testServices());
		const metrics = { roundTrips: 0, statements: 0 };
		const db = createDb(countingD1(env.DB, () => metrics));
		await db.select().from(projects);
		await db.batch([db.select().from(projects), db.select().from(projects).limit(1)]);
		await db.$client.prepare('select 1').first();
		expect(metrics).toEqual({ roundTrips: 3, statements: 4 });
	});

	it('reports round trips on responses in development only', async () => {
		const services = await seed(testServices());
		const cookie = await sessionCookie(services, { contactId: DEMO.caseyContactId });
		const call = (environment: string) =>
			api.fetch(
				new Request(`http://${hosts.demo}/api/auth/me`, { headers: { cookie } }),
				{ ...env, ENVIRONMENT: environment },
				createExecutionContext()
			);
		const dev = await call('development');
		expect(dev.status).toBe(200);
		// Workspace + session in one batch.
		expect(dev.headers.get('x-d1-round-trips')).toBe('1');
		expect(dev.headers.get('x-d1-statements')).toBe('2');
		const prod = await call('production');
		expect(prod.headers.get('x-d1-round-trips')).toBeNull();
	});
});
