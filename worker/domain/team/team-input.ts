import { z } from 'zod';

export const roleSchema = z.enum(['owner', 'member'], { error: 'Choose Owner or Member.' });

/** Owners can never leave a workspace without an (accepted) owner. */
export const LAST_OWNER_MESSAGE = 'A workspace needs at least one owner. Make someone else an owner first.';
