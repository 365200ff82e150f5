export type CsvValue = string | number | boolean | null | undefined;

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled.
 * A text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets
 * a leading apostrophe first; a plain number ("-12.50") is left alone.
 */
export function csvField(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	let text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export function csvRow(values: CsvValue[]): string {
	return values.map(csvField).join(',') + '\r\n';
}

/** A timestamp (ms) as ISO 8601 UTC, or empty. */
export function isoTime(ms: number | null | undefined): string {
	return ms === null || ms === undefined ? '' : new Date(ms).toISOString();
}

/** How many rows each query reads: the stream never holds more than one page. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * A CSV body read one keyset page at a time, only as fast as the client takes it (pull):
 * `nextPage(after)` returns up to EXPORT_PAGE_SIZE rows after the cursor and the cursor of
 * the last; a short page ends the file. A UTF-8 BOM first, so spreadsheets read accents right.
 */
export function csvStream<C>(
	header: string[],
	nextPage: (after: C | null) => Promise<{ lines: CsvValue[][]; last: C | null }>
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let cursor: C | null = null;
	let done = false;
	return new ReadableStream<Uint8Array>(
		{
			start(controller) {
				controller.enqueue(encoder.encode('\uFEFF' + csvRow(header)));
			},
			async pull(controller) {
				if (done) return;
				const page = await nextPage(cursor);
				if (page.lines.length) controller.enqueue(encoder.encode(page.lines.map(csvRow).join('')));
				cursor = page.last;
				if (page.lines.length < EXPORT_PAGE_SIZE || page.last === null) {
					done = true;
					controller.close();
				}
			}
		},
		{ highWaterMark: 0 }
	);
}
