import { z } from 'zod';

/** What a magic link grants; stored in KV under the SHA-256 of the token, never the token itself. */
export const loginTokenPayloadSchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('client'),
		workspaceId: z.string(),
		contactId: z.string(),
		clientId: z.string(),
		email: z.string(),
		expiresAt: z.number(),
		redirectTo: z.string().optional()
	}),
	z.object({
		kind: z.literal('staff'),
		workspaceId: z.string().nullable(),
		userId: z.string(),
		email: z.string(),
		/** The D1 binding holding the person's account (services/shards.ts); absent: the default shard. */
		shard: z.string().optional(),
		expiresAt: z.number(),
		redirectTo: z.string().optional()
	})
]);
export type LoginTokenPayload = z.infer<typeof loginTokenPayloadSchema>;

/** What a sign-up link grants: creating this workspace for this person (stored like login tokens, under `signup:`). */
export const signupTokenPayloadSchema = z.object({
	kind: z.literal('signup'),
	workspaceName: z.string(),
	slug: z.string(),
	name: z.string(),
	email: z.string(),
	expiresAt: z.number()
});
export type SignupTokenPayload = z.infer<typeof signupTokenPayloadSchema>;

export interface TokenStore {
	putLoginToken(hash: string, payload: LoginTokenPayload, ttlSeconds: number): Promise<void>;
	getLoginToken(hash: string): Promise<LoginTokenPayload | null>;
	deleteLoginToken(hash: string): Promise<void>;
	putSignupToken(hash: string, payload: SignupTokenPayload, ttlSeconds: number): Promise<void>;
	getSignupToken(hash: string): Promise<SignupTokenPayload | null>;
	deleteSignupToken(hash: string): Promise<void>;
}

const KV_MIN_TTL_SECONDS = 60;
/**
 * A login token's record outlives its link by this long (the payload's exact `expiresAt`
 * decides whether it still signs anyone in): an expired or used link can then be
 * renewed with one click, to the address it was sent to (domain/auth/request-fresh-link.ts).
 */
export const LOGIN_RECORD_GRACE_SECONDS = 30 * 24 * 60 * 60;

export function createTokenStore(kv: KVNamespace): TokenStore {
	return {
		async putLoginToken(hash, payload, ttlSeconds) {
			await kv.put(`login:${hash}`, JSON.stringify(payload), {
				expirationTtl: Math.max(KV_MIN_TTL_SECONDS, ttlSeconds) + LOGIN_RECORD_GRACE_SECONDS
			});
		},
		async getLoginToken(hash) {
			const raw = await kv.get(`login:${hash}`);
			if (!raw) return null;
			const parsed = loginTokenPayloadSchema.safeParse(JSON.parse(raw));
			return parsed.success ? parsed.data : null;
		},
		async deleteLoginToken(hash) {
			await kv.delete(`login:${hash}`);
		},
		async putSignupToken(hash, payload, ttlSeconds) {
			await kv.put(`signup:${hash}`, JSON.stringify(payload), {
				expirationTtl: Math.max(KV_MIN_TTL_SECONDS, ttlSeconds)
			});
		},
		async getSignupToken(hash) {
			const raw = await kv.get(`signup:${hash}`);
			if (!raw) return null;
			const parsed = signupTokenPayloadSchema.safeParse(JSON.parse(raw));
			return parsed.success ? parsed.data : null;
		},
		async deleteSignupToken(hash) {
			await kv.delete(`signup:${hash}`);
		}
	};
}
