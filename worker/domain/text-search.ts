import { sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * `column` contains `text`, ignoring ASCII case (as SQLite's LIKE and lower()
 * do), with every character taken literally.
 *
 * Not LIKE: D1 refuses a LIKE pattern longer than 50 bytes ("LIKE or GLOB
 * pattern too complex"), and a search box takes up to 100 characters, whose
 * escaped wildcards and multi-byte letters make the pattern longer still.
 * instr() has no such limit and no wildcards to escape. Neither can use an
 * index for "contains", so nothing is lost.
 */
export function contains(column: AnySQLiteColumn | SQL, text: string): SQL {
	return sql`instr(lower(${column}), lower(${text})) > 0`;
}
