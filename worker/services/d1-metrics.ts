/**
 * Development-only instrument: counts D1 round trips and statements for one
 * request, reported as X-D1-Round-Trips / X-D1-Statements response headers (the
 * benchmark reads them). A batch is one round trip however many statements it holds.
 */
export type D1Metrics = { roundTrips: number; statements: number };

const EXECUTORS = ['first', 'all', 'run', 'raw'] as const;

function instrumentStatement(statement: D1PreparedStatement, metrics: D1Metrics): D1PreparedStatement {
	const target = statement as unknown as Record<string, (...args: unknown[]) => unknown>;
	for (const method of EXECUTORS) {
		const original = target[method].bind(statement);
		target[method] = (...args: unknown[]) => {
			metrics.roundTrips++;
			metrics.statements++;
			return original(...args);
		};
	}
	const bind = target.bind.bind(statement);
	target.bind = (...args: unknown[]) => instrumentStatement(bind(...args) as D1PreparedStatement, metrics);
	return statement;
}

export function countingD1(d1: D1Database, metrics: D1Metrics): D1Database {
	return new Proxy(d1, {
		get(target, prop) {
			if (prop === 'prepare') return (query: string) => instrumentStatement(target.prepare(query), metrics);
			if (prop === 'batch')
				return (statements: D1PreparedStatement[]) => {
					metrics.roundTrips++;
					metrics.statements += statements.length;
					return target.batch(statements);
				};
			if (prop === 'exec')
				return (query: string) => {
					metrics.roundTrips++;
					metrics.statements++;
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
