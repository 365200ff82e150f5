import { encode } from 'uqr';

/**
 * A QR code as an SVG string, drawn on the server (no script on the page). Only
 * dark modules become path segments; the text itself is never in the markup, so
 * nothing a person typed can be injected through it.
 */
export function qrCodeSvg(text: string, label: string): string {
	const { size, data } = encode(text, { ecc: 'M', border: 2 });
	let path = '';
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) if (data[y][x]) path += `M${x} ${y}h1v1h-1z`;
	}
	const title = label.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="200" height="200" role="img" aria-label="${title}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
}
