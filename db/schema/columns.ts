import { integer, text } from 'drizzle-orm/sqlite-core';

// Shared column builders. Timestamps are integer milliseconds since the epoch;
// calendar dates (due dates, issue dates) are ISO 'YYYY-MM-DD' text.
// Money is always an integer amount in minor units next to an ISO 4217 currency.
export const pk = () => text().primaryKey();
export const timestamp = () => integer();
export const createdAt = () => integer().notNull();
export const updatedAt = () => integer().notNull();
export const flag = (defaultValue = false) => integer({ mode: 'boolean' }).notNull().default(defaultValue);
export const minor = () => integer().notNull().default(0);
export const currency = () => text().notNull().default('USD');
export const isoDate = () => text();
