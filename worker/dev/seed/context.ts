import type { Services } from '../../services';
import type { Db } from '../../services/db';

/**
 * What an area's seed function gets. Seeds return D1 statements (run together
 * in one batch); blobs (R2) are put directly through services.storage first.
 */
export type SeedContext = { db: Db; services: Services; now: number; isoDay: (ms: number) => string };
