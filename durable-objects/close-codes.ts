/**
 * A close code we may send back. 1005, 1006 and 1015 describe a close that had
 * no code or no close frame; they are reserved and ws.close() throws on them
 * (and on anything outside 1000-4999 or the unassigned 1004), so those become 1000.
 */
export function sendableCloseCode(code: number | undefined): number {
	if (code === undefined || !Number.isInteger(code)) return 1000;
	if (code === 1004 || code === 1005 || code === 1006 || code === 1015) return 1000;
	if (code < 1000 || code > 4999) return 1000;
	if (code >= 1016 && code < 3000) return 1000;
	return code;
}
