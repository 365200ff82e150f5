import { z } from 'zod';
import { pageFrom, type PageRequest } from './pagination';

/** What a list page or the JSON API passes a list use case: the raw query (`url.searchParams`). */
export type ListInput = URLSearchParams | Record<string, unknown> | undefined;

const listQuerySchema = z.object({
	status: z.string().max(40).optional().catch(undefined),
	clientId: z.string().trim().max(64).optional().catch(undefined)
});

/**
 * A list's query, `?page=&pageSize=&status=&clientId=`, parsed once by the list use case, so
 * pages and the API pass `url.searchParams` and parse it nowhere else. Bad values never fail:
 * a status not in `statuses` lists everything, a bad page falls back to the first. A client id
 * from the path (`/clients/:id/quotes`) wins over the query's `?clientId=`.
 */
export function listQuery<S extends string>(
	input: ListInput,
	opts: { statuses?: readonly S[]; clientId?: string | null; pageSize?: number } = {}
): { page: PageRequest; status: S | undefined; clientId: string | undefined } {
	const raw = input instanceof URLSearchParams ? Object.fromEntries(input) : (input ?? {});
	const query = listQuerySchema.parse(raw);
	return {
		page: pageFrom(raw, opts.pageSize),
		status: opts.statuses ? statusFilter(opts.statuses, query.status) : undefined,
		clientId: idFilter(opts.clientId) ?? idFilter(query.clientId)
	};
}

/** A list's `?status=` as the list understands it: one of `allowed`, or no filter (an unknown value lists everything). */
export function statusFilter<S extends string>(allowed: readonly S[], value: unknown): S | undefined {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as S) : undefined;
}

/** An optional id filter (`?clientId=`): empty means none. */
const idFilter = (value: unknown): string | undefined =>
	typeof value === 'string' && value.length > 0 ? value : undefined;
