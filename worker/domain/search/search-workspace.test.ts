import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clients, messages, threads } from '../../../db/schema';
import { ACME, DEMO, scopes, seed, testServices } from '../../../tests/helpers';
import { THREADS } from '../../dev/seed/ids';
import { ftsQuery } from './fts-query';
import { MARK_END, MARK_START, searchWorkspace } from './search-workspace';

const hitsOf = (result: Awaited<ReturnType<typeof searchWorkspace>>) =>
	result.groups.flatMap((g) => g.hits.map((h) => `${h.kind}:${h.id}`));

describe('global search', () => {
	it('finds a client by a word prefix, with a link and the matched words marked, grouped by kind', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const result = await searchWorkspace({ ...demoOwner, input: { q: 'northw' } });
		const client = result.groups.find((g) => g.kind === 'client')!;
		expect(client.label).toBe('Clients');
		expect(client.hits[0]).toMatchObject({
			id: DEMO.northwindId,
			title: 'Northwind Traders',
			href: `/clients/${DEMO.northwindId}`
		});
		const note = await searchWorkspace({ ...demoOwner, input: { q: 're-licensing phot' } });
		const message = note.groups.find((g) => g.kind === 'message')!.hits[0];
		expect(message).toMatchObject({
			id: THREADS.designInternalNoteId,
			title: 'Design feedback',
			href: `/projects/${DEMO.websiteProjectId}/threads/${THREADS.designId}`
		});
		expect(message.excerpt).toContain(`${MARK_START}photo${MARK_END}`);
	});

	it("never finds another workspace's rows, even for words only they contain", async () => {
		const services = await seed(testServices());
		const { demoOwner, acmeOwner } = await scopes(services);
		expect(hitsOf(await searchWorkspace({ ...acmeOwner, input: { q: 'roadrunner' } }))).toContain(
			`client:${ACME.roadrunnerId}`
		);
		expect(hitsOf(await searchWorkspace({ ...demoOwner, input: { q: 'roadrunner' } }))).toEqual([]);
		expect(hitsOf(await searchWorkspace({ ...acmeOwner, input: { q: 'northwind' } }))).toEqual([]);
	});

	it('keeps the index in step with inserts, edits, thread renames and deletes (triggers)', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await services.db.update(clients).set({ name: 'Zephyrine Holdings' }).where(eq(clients.id, DEMO.globexId));
		expect(hitsOf(await searchWorkspace({ ...demoOwner, input: { q: 'zephyrine' } }))).toEqual([
			`client:${DEMO.globexId}`
		]);
		expect(hitsOf(await searchWorkspace({ ...demoOwner, input: { q: 'globex corporation' } }))).not.toContain(
			`client:${DEMO.globexId}`
		);
		await services.db.update(threads).set({ title: 'Quillwort review' }).where(eq(threads.id, THREADS.designId));
		const renamed = await searchWorkspace({ ...demoOwner, input: { q: 'quillwort' } });
		expect(renamed.groups.find((g) => g.kind === 'message')!.hits.every((h) => h.title === 'Quillwort review')).toBe(
			true
		);
		await services.db.delete(messages).where(eq(messages.id, THREADS.designInternalNoteId));
		expect(hitsOf(await searchWorkspace({ ...demoOwner, input: { q: 're-licensing' } }))).toEqual([]);
	});

	it('answers odd input (FTS syntax, quotes, punctuation, 100+ characters) without failing', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		for (const q of [
			'"',
			'NEAR(a b)',
			'title:northwind',
			'a OR',
			'* - ^',
			'north"wind',
			'(',
			'AND',
			"'; drop table clients; --",
			'x'.repeat(500),
			'🙂 northwind'
		]) {
			await expect(searchWorkspace({ ...demoOwner, input: { q } })).resolves.toBeDefined();
		}
		expect(hitsOf(await searchWorkspace({ ...demoOwner, input: { q: 'title:northwind' } }))).toEqual([]);
		expect(await searchWorkspace({ ...demoOwner, input: { q: '   ' } })).toEqual({ q: '', groups: [] });
	});

	it('is for staff only', async () => {
		const services = await seed(testServices());
		const { casey, anonymousDemo } = await scopes(services);
		await expect(searchWorkspace({ ...casey, input: { q: 'northwind' } })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(searchWorkspace({ ...anonymousDemo, input: { q: 'northwind' } })).rejects.toMatchObject({
			code: 'unauthenticated'
		});
	});

	it('has a trigger per searchable table and change (a migration recreating a table would drop them)', async () => {
		const services = await seed(testServices());
		const rows = await services.db.all<{ name: string }>(
			sql`select name from sqlite_master where type = 'trigger' and name like 'search_%' order by name`
		);
		expect(rows).toHaveLength(8 * 3 + 1);
	});
});

describe('ftsQuery', () => {
	it('quotes every term and makes the last a prefix, dropping terms with nothing to match', () => {
		expect(ftsQuery('acme inv')).toBe('"acme" "inv"*');
		expect(ftsQuery('say "hi" OR')).toBe('"say" "hi" "OR"*');
		expect(ftsQuery('- * ()')).toBeNull();
	});
});
