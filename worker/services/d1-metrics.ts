import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Development and test instrument: counts D1 round trips and statements for one
 * request, reported as X-D1-Round-Trips / X-D1-Statements response headers (the
 * benchmark and the round-trip tests read them). A batch is one round trip however
 * many statements it holds.
 *
 * The database handle is built once per isolate (services/db.ts), so the counter of
 * the request a query belongs to is found through the async context the request runs
 * in (`withD1Metrics`), not through the handle.
 */
export type D1Metrics = { roundTrips: number; statements: number };

const requestMetrics = new AsyncLocalStorage<D1Metrics>();

/** Runs a request's work with its counter; queries made within it (awaits included) count there. */
export function withD1Metrics<T>(metrics: D1Metrics | undefined, work: () => T): T {
	return metrics ? requestMetrics.run(metrics, work) : work();
}

/** The counter of the request running now, if it has one. */
export function currentD1Metrics(): D1Metrics | undefined {
	return requestMetrics.getStore();
}

const EXECUTORS = ['first', 'all', 'run', 'raw'] as const;

function instrumentStatement(
	statement: D1PreparedStatement,
	metricsOf: () => D1Metrics | undefined
): D1PreparedStatement {
	const target = statement as unknown as Record<string, (...args: unknown[]) => unknown>;
	for (const method of EXECUTORS) {
		const original = target[method].bind(statement);
		target[method] = (...args: unknown[]) => {
			const metrics = metricsOf();
			if (metrics) {
				metrics.roundTrips++;
				metrics.statements++;
			}
			return original(...args);
		};
	}
	const bind = target.bind.bind(statement);
	target.bind = (...args: unknown[]) => instrumentStatement(bind(...args) as D1PreparedStatement, metricsOf);
	return statement;
}

/** The binding, counting into `metricsOf()` (by default: the current request's counter). */
export function countingD1(d1: D1Database, metricsOf: () => D1Metrics | undefined = currentD1Metrics): D1Database {
	return new Proxy(d1, {
		get(target, prop) {
			if (prop === 'prepare') return (query: string) => instrumentStatement(target.prepare(query), metricsOf);
			if (prop === 'batch')
				return (statements: D1PreparedStatement[]) => {
					const metrics = metricsOf();
					if (metrics) {
						metrics.roundTrips++;
						metrics.statements += statements.length;
					}
					return target.batch(statements);
				};
			if (prop === 'exec')
				return (query: string) => {
					const metrics = metricsOf();
					if (metrics) {
						metrics.roundTrips++;
						metrics.statements++;
					}
					return target.exec(query);
				};
			const value = Reflect.get(target, prop, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

export function metricsHeaders(metrics: D1Metrics | undefined, headers: Headers): void {
	if (!metrics) return;
	try {
		headers.set('X-D1-Round-Trips', String(metrics.roundTrips));
		headers.set('X-D1-Statements', String(metrics.statements));
	} catch {
		// immutable headers (e.g. a fetched asset): skip
	}
}
