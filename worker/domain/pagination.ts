import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export type PageRequest = { page: number; pageSize: number };
export type Page<T> = { items: T[]; page: number; pageSize: number; hasPrevious: boolean; hasNext: boolean };

const pageSchema = z.object({
	page: z.coerce.number().int().min(1).max(100_000).catch(1),
	pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).catch(DEFAULT_PAGE_SIZE)
});

/** ?page=2&pageSize=50 from a URL (bad values fall back to defaults instead of failing). */
export function pageFrom(
	params: URLSearchParams | Record<string, unknown> | undefined,
	pageSize = DEFAULT_PAGE_SIZE
): PageRequest {
	const raw = params instanceof URLSearchParams ? Object.fromEntries(params) : (params ?? {});
	return pageSchema.parse({ page: raw.page ?? 1, pageSize: raw.pageSize ?? pageSize });
}

/** LIMIT/OFFSET for a page, fetching one extra row to know whether there is a next page. */
export function limitOffset(req: PageRequest) {
	return { limit: req.pageSize + 1, offset: (req.page - 1) * req.pageSize };
}

export function toPage<T>(rows: T[], req: PageRequest): Page<T> {
	return {
		items: rows.slice(0, req.pageSize),
		page: req.page,
		pageSize: req.pageSize,
		hasPrevious: req.page > 1,
		hasNext: rows.length > req.pageSize
	};
}
