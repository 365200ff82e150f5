export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** 'YYYY-MM-DD' of a timestamp, in UTC. */
export function isoDay(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}
