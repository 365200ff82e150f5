import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../worker/env';

/**
 * One instance per message thread. Placeholder until the real-time messages
 * work lands: it orders, stores and fans out; business rules stay in
 * worker/domain/threads.
 */
export class ThreadRoom extends DurableObject<Env> {
	async ping(): Promise<string> {
		return 'pong';
	}
}
