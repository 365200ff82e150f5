import { z } from 'zod';
import type { Actor } from './actor';

/**
 * Time zones: every workspace has one (Settings -> Workspace), and a person (staff
 * user or client contact) may choose their own. Dates and times are shown in the
 * viewer's zone; documents (PDFs) and what the workspace decides (overdue, expiry)
 * use the workspace's (`calendar.ts`).
 */

/** The IANA zones this runtime lists (its canonical names), plus UTC, which it leaves out: the choices of a <select>. */
export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
const checked = new Map<string, boolean>();

/** Any zone name the runtime accepts, aliases included ("Asia/Kolkata" where the list says "Asia/Calcutta"). */
export function isTimeZone(value: string): boolean {
	let known = checked.get(value);
	if (known === undefined) {
		try {
			known =
				value.length <= 64 && Boolean(new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone);
		} catch {
			known = false;
		}
		if (checked.size < 1000) checked.set(value, known);
	}
	return known;
}

/** A required zone (the workspace's). */
export const timeZoneSchema = z
	.string({ error: 'Choose a time zone.' })
	.trim()
	.refine(isTimeZone, 'Choose a time zone from the list.');

/** A person's own zone: blank means "the workspace's". */
export const personalTimeZoneSchema = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v ? v : null))
	.refine((v) => v === null || isTimeZone(v), 'Choose a time zone from the list.');

/** The zone a person reads times in: their own, else the workspace's, else UTC. */
export function personZone(own: string | null | undefined, workspace: { timezone: string | null } | null): string {
	if (own && isTimeZone(own)) return own;
	return workspace?.timezone && isTimeZone(workspace.timezone) ? workspace.timezone : 'UTC';
}

/** The zone of whoever is signed in (a visitor: the workspace's). */
export function viewerTimeZone(actor: Actor, workspace: { timezone: string | null } | null): string {
	return personZone(actor.kind === 'staff' || actor.kind === 'client' ? actor.timezone : null, workspace);
}

/** Zones grouped by region for a <select> ("Africa", "America"...), each with its current offset; `current` is listed even when it is an alias. */
export function timeZoneOptions(
	now: number,
	current?: string | null
): { region: string; zones: { value: string; label: string }[] }[] {
	const groups = new Map<string, { value: string; label: string }[]>();
	const zones =
		current && isTimeZone(current) && !TIME_ZONES.includes(current) ? [...TIME_ZONES, current].sort() : TIME_ZONES;
	for (const zone of zones) {
		const region = zone.includes('/') ? zone.split('/')[0] : 'Other';
		const list = groups.get(region) ?? [];
		list.push({ value: zone, label: `${zone.replaceAll('_', ' ')} (${offsetName(zone, now)})` });
		groups.set(region, list);
	}
	return [...groups].map(([region, zones]) => ({ region, zones }));
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** "GMT+1", "GMT-5", "UTC": the zone's offset at that instant. */
export function offsetName(zone: string, now: number): string {
	let format = offsetFormats.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' });
		offsetFormats.set(zone, format);
	}
	const name = format.formatToParts(now).find((p) => p.type === 'timeZoneName')?.value ?? zone;
	return name === 'GMT' && zone === 'UTC' ? 'UTC' : name;
}
