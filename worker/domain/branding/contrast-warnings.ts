import { contrastRatio, parseHex, readableTextOn } from './colors';

/** WCAG AA for normal text. Below it we warn; the owner still decides. */
export const MIN_CONTRAST = 4.5;

export type BrandColorWarnings = { brandColor?: string; accentColor?: string };

const PAGE_BACKGROUND = '#ffffff';
const fmt = (ratio: number) => `${(Math.floor(ratio * 10) / 10).toFixed(1)}:1`;

/**
 * The brand colour carries text (the portal header, buttons, email banners) in
 * white or near-black, whichever reads better; the accent sits on the white page
 * (progress bars, highlights). Each gets a warning when its best contrast is
 * below 4.5:1.
 */
export function brandColorWarnings(colors: { brandColor: string; accentColor: string }): BrandColorWarnings {
	const out: BrandColorWarnings = {};
	if (parseHex(colors.brandColor)) {
		const text = readableTextOn(colors.brandColor);
		const ratio = contrastRatio(colors.brandColor, text);
		if (ratio < MIN_CONTRAST)
			out.brandColor = `Text on this colour has a contrast of ${fmt(ratio)}, below the recommended ${MIN_CONTRAST}:1. Some people will find the header and buttons hard to read.`;
	}
	if (parseHex(colors.accentColor)) {
		const ratio = contrastRatio(colors.accentColor, PAGE_BACKGROUND);
		if (ratio < MIN_CONTRAST)
			out.accentColor = `This colour has a contrast of ${fmt(ratio)} against the white page, below the recommended ${MIN_CONTRAST}:1. It may be hard to see.`;
	}
	return out;
}
