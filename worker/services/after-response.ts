/**
 * Work a request must not start until its response exists. `ctx.waitUntil`
 * alone keeps work alive after the response, but the work starts at once and
 * shares the isolate with the rest of the request: a sign-in link request for
 * a known address (lookup, token, email) would then answer measurably later
 * than one for an unknown address. The Worker entry opens a queue for each
 * request's ExecutionContext (the same object reaches Hono and SvelteKit) and
 * starts what was queued only once it holds the response.
 */
type Work = () => Promise<unknown>;

// One registry per isolate, on globalThis: the Worker entry and the SvelteKit build each bundle their own copy of this module.
const REGISTRY = Symbol.for('coportal.after-response');
const queues: WeakMap<object, Work[]> =
	((globalThis as Record<symbol, unknown>)[REGISTRY] as WeakMap<object, Work[]> | undefined) ?? new WeakMap();
(globalThis as Record<symbol, unknown>)[REGISTRY] = queues;

/** Called by the Worker entry before handing the request on. */
export function openAfterResponse(ctx: object): void {
	queues.set(ctx, []);
}

/** Queues work to start after the response; false when no queue is open (tests, cron): the caller starts it itself. */
export function queueAfterResponse(ctx: object, work: Work): boolean {
	const queue = queues.get(ctx);
	if (!queue) return false;
	queue.push(work);
	return true;
}

/** Called by the Worker entry once it holds the response: starts the queued work on the next turn, kept alive by waitUntil. */
export function startAfterResponse(ctx: Pick<ExecutionContext, 'waitUntil'>): void {
	const queue = queues.get(ctx) ?? [];
	queues.delete(ctx);
	for (const work of queue) ctx.waitUntil(nextTurn().then(work));
}

/** A macrotask later: after everything the current turn (the response) still does. */
export function nextTurn(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}
