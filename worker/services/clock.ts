export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** 'YYYY-MM-DD' of a timestamp, in UTC. */
export function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

type ClockVars = { ENVIRONMENT?: string; TEST_NOW?: string; TEST_NOW_SET_AT?: string };

/**
 * The clock of the whole Worker (requests, cron, thread rooms). Only under the test
 * environment can `TEST_NOW` move it: "now" was TEST_NOW at the real instant
 * TEST_NOW_SET_AT and runs on from there, so a suite can be run as if on any date
 * (`TEST_NOW=2030-12-31T12:00:00Z npm run test:unit`). Every other environment
 * reads the system clock, whatever the variables say.
 */
export function clockFromEnv(vars: ClockVars): Clock {
	if (vars.ENVIRONMENT !== 'test' || !vars.TEST_NOW) return systemClock;
	const pinned = Date.parse(vars.TEST_NOW);
	if (Number.isNaN(pinned)) throw new Error(`TEST_NOW is not an instant: ${vars.TEST_NOW}`);
	const setAt = Number(vars.TEST_NOW_SET_AT) || Date.now();
	const offset = pinned - setAt;
	return { now: () => Date.now() + offset };
}
