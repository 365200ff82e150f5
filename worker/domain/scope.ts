import type { workspaces } from '../../db/schema';
import type { Services } from '../services';
import type { Actor } from './actor';

export type Workspace = typeof workspaces.$inferSelect;

/**
 * What every use case receives: the services, the workspace the request is
 * for (resolved once from the Host), and who is acting.
 */
export type Scope = { services: Services; workspace: Workspace; actor: Actor };
