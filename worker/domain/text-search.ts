import { sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * `column` contains `text`, case-insensitively (SQLite LIKE folds ASCII case),
 * with the LIKE wildcards in what people typed taken literally.
 */
export function contains(column: AnySQLiteColumn | SQL, text: string): SQL {
	const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return sql`${column} like ${pattern} escape '\\'`;
}
