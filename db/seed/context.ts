import type { Db } from '../../worker/services/db';

export type SeedContext = { db: Db; now: number; isoDay: (ms: number) => string };
