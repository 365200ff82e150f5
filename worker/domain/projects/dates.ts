/** Today's date ('YYYY-MM-DD') where the workspace is, for "overdue" and "due soon". */
export function todayIn(timezone: string, now: number): string {
	try {
		return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
	} catch {
		return new Date(now).toISOString().slice(0, 10);
	}
}
