import { describe, expect, it } from 'vitest';
import { listQuery } from './list-filters';
import { DEFAULT_PAGE_SIZE } from './pagination';

const STATUSES = ['draft', 'sent'] as const;

describe('a list query, parsed once by the list use case', () => {
	it('reads page, page size, status and client from the query of a page or the API', () => {
		const query = new URLSearchParams('page=3&pageSize=10&status=sent&clientId=cli_1');
		expect(listQuery(query, { statuses: STATUSES })).toEqual({
			page: { page: 3, pageSize: 10 },
			status: 'sent',
			clientId: 'cli_1'
		});
		expect(listQuery({ status: 'draft', page: '2' }, { statuses: STATUSES })).toMatchObject({
			page: { page: 2, pageSize: DEFAULT_PAGE_SIZE },
			status: 'draft'
		});
	});

	it('never fails on bad values: an unknown status lists everything, a bad page is the first', () => {
		const query = new URLSearchParams('page=-4&pageSize=9999&status=nonsense&clientId=');
		expect(listQuery(query, { statuses: STATUSES })).toEqual({
			page: { page: 1, pageSize: DEFAULT_PAGE_SIZE },
			status: undefined,
			clientId: undefined
		});
		expect(listQuery({ status: ['sent'], clientId: 42 }, { statuses: STATUSES })).toMatchObject({
			status: undefined,
			clientId: undefined
		});
		expect(listQuery(undefined, { pageSize: 20 })).toEqual({
			page: { page: 1, pageSize: 20 },
			status: undefined,
			clientId: undefined
		});
	});

	it('lets the client id of the path win over the query’s', () => {
		const query = new URLSearchParams('clientId=cli_other');
		expect(listQuery(query, { clientId: 'cli_path' }).clientId).toBe('cli_path');
		expect(listQuery(query, { clientId: '' }).clientId).toBe('cli_other');
	});
});
