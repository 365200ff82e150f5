import type { StaffRole } from '../../db/schema';
import { AppError, forbidden } from './errors';

/** Who is acting. Domain functions decide what an actor may do; the HTTP layer only establishes who it is. */
/** `timezone`: the person's own IANA zone when they chose one (time-zones.ts), else null/absent = the workspace's. */
export type StaffActor = {
	kind: 'staff';
	userId: string;
	name: string;
	email: string;
	role: StaffRole;
	sessionId?: string;
	timezone?: string | null;
};
export type ClientActor = {
	kind: 'client';
	contactId: string;
	clientId: string;
	name: string;
	email: string;
	sessionId?: string;
	timezone?: string | null;
};
export type AnonymousActor = { kind: 'anonymous'; ip?: string };
export type SystemActor = { kind: 'system'; name: string };
export type Actor = StaffActor | ClientActor | AnonymousActor | SystemActor;

/** Who acts when the scheduled handler changes something: shown in the activity feed. */
export const SCHEDULER_ACTOR: SystemActor = { kind: 'system', name: 'CoPortal' };

export function requireStaff(actor: Actor): StaffActor {
	if (actor.kind === 'staff') return actor;
	if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Please sign in.');
	throw forbidden();
}

export function requireOwner(actor: Actor): StaffActor {
	const staff = requireStaff(actor);
	if (staff.role !== 'owner') throw forbidden('Only workspace owners can do this.');
	return staff;
}

export function requireClient(actor: Actor): ClientActor {
	if (actor.kind === 'client') return actor;
	if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Please sign in.');
	throw forbidden();
}

/** Staff or client: someone signed in to this workspace. */
export function requireMember(actor: Actor): StaffActor | ClientActor {
	if (actor.kind === 'staff' || actor.kind === 'client') return actor;
	throw new AppError('unauthenticated', 'Please sign in.');
}

export function actorName(actor: Actor): string {
	switch (actor.kind) {
		case 'staff':
		case 'client':
			return actor.name;
		case 'system':
			return actor.name;
		default:
			return 'Someone';
	}
}

export function actorId(actor: Actor): string | null {
	if (actor.kind === 'staff') return actor.userId;
	if (actor.kind === 'client') return actor.contactId;
	return null;
}
