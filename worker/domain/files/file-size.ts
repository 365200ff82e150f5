/** "25 MB", "312 KB", "18 bytes": sizes as people read them (1 MB = 1024 KB, as file managers show). */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
	const units = ['KB', 'MB', 'GB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	const shown = value >= 10 || Number.isInteger(value) ? Math.round(value).toString() : value.toFixed(1);
	return `${shown} ${units[unit]}`;
}

/** "This file is 30 MB; the largest file you can upload is 25 MB." (exact bytes when both round the same). */
export function tooLargeMessage(size: number, max: number, about = false): string {
	const shown = formatBytes(size) === formatBytes(max) ? `${size.toLocaleString('en')} bytes` : formatBytes(size);
	return `This file is ${about ? 'about ' : ''}${shown}; the largest file you can upload is ${formatBytes(max)}.`;
}
