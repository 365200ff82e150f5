import { redirect } from '@sveltejs/kit';
import type { ClientActor, StaffActor } from '$domain/actor';
import type { Scope } from '$domain/scope';
import { setOwnTimeZone } from '$domain/profile/set-own-time-zone';
import { timeZoneOptions } from '$domain/time-zones';
import { actionOrFail, formObject } from './kit';

type PersonScope = Scope & { actor: StaffActor | ClientActor };

/** The load of a person's own time-zone page (the portal's Account, the dashboard's Profile). */
export function ownTimeZonePage({ actor, workspace, services }: PersonScope, url: URL) {
	return {
		own: actor.timezone ?? null,
		workspaceZone: workspace.timezone,
		timeZones: timeZoneOptions(services.clock.now(), actor.timezone),
		saved: url.searchParams.has('saved'),
		now: services.clock.now()
	};
}

/**
 * The page's save action. Saved: a fresh request (redirect to `pagePath?saved`), so the whole
 * page and the layout's zone show the new choice.
 */
export async function saveOwnTimeZoneAction(scope: PersonScope, request: Request, pagePath: string) {
	const values = formObject(await request.formData());
	return actionOrFail(async () => {
		await setOwnTimeZone({ ...scope, input: values });
		redirect(303, `${pagePath}?saved`);
	}, values);
}
