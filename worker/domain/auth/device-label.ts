/**
 * A short, human name for the device behind a user agent ("Chrome on macOS"), for
 * the sessions list and a new passkey's default name. A guess from the header, so
 * it is never used for a decision.
 */
export function deviceLabel(userAgent: string | null | undefined): string {
	const ua = userAgent ?? '';
	if (!ua) return 'Unknown device';
	const browser = /Edg\//.test(ua)
		? 'Edge'
		: /OPR\/|Opera/.test(ua)
			? 'Opera'
			: /Firefox\//.test(ua)
				? 'Firefox'
				: /Chrome\/|Chromium\/|CriOS\//.test(ua)
					? 'Chrome'
					: /Safari\//.test(ua)
						? 'Safari'
						: null;
	const os = /iPhone/.test(ua)
		? 'iPhone'
		: /iPad/.test(ua)
			? 'iPad'
			: /Android/.test(ua)
				? 'Android'
				: /Windows/.test(ua)
					? 'Windows'
					: /Mac OS X|Macintosh/.test(ua)
						? 'macOS'
						: /CrOS/.test(ua)
							? 'ChromeOS'
							: /Linux/.test(ua)
								? 'Linux'
								: null;
	if (browser && os) return `${browser} on ${os}`;
	return browser ?? os ?? 'Unknown device';
}
