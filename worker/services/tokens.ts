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
		expiresAt: z.number(),
		redirectTo: z.string().optional()
	})
]);
export type LoginTokenPayload = z.infer<typeof loginTokenPayloadSchema>;

export interface TokenStore {
	putLoginToken(hash: string, payload: LoginTokenPayload, ttlSeconds: number): Promise<void>;
	getLoginToken(hash: string): Promise<LoginTokenPayload | null>;
	deleteLoginToken(hash: string): Promise<void>;
}

const KV_MIN_TTL_SECONDS = 60;

export function createTokenStore(kv: KVNamespace): TokenStore {
	return {
		async putLoginToken(hash, payload, ttlSeconds) {
			await kv.put(`login:${hash}`, JSON.stringify(payload), { expirationTtl: Math.max(KV_MIN_TTL_SECONDS, ttlSeconds) });
		},
		async getLoginToken(hash) {
			const raw = await kv.get(`login:${hash}`);
			if (!raw) return null;
			const parsed = loginTokenPayloadSchema.safeParse(JSON.parse(raw));
			return parsed.success ? parsed.data : null;
		},
		async deleteLoginToken(hash) {
			await kv.delete(`login:${hash}`);
		}
	};
}
