/**
 * A list's `?status=` as the list understands it: one of `allowed`, or no filter (an unknown
 * value lists everything, never an error). The list use cases call it, so pages and the API pass
 * the raw query value and parse it nowhere else.
 */
export function statusFilter<S extends string>(allowed: readonly S[], value: unknown): S | undefined {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as S) : undefined;
}

/** An optional id filter (`?clientId=`): empty means none. */
export const idFilter = (value: unknown): string | undefined =>
	typeof value === 'string' && value.length > 0 ? value : undefined;
