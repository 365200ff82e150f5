import { z } from 'zod';
import { ServiceUnavailableError } from './errors';

/**
 * Cloudflare for SaaS custom hostnames (POST/GET/DELETE /zones/{zone_id}/custom_hostnames),
 * the calls a workspace's own portal domain needs. Cloudflare checks the agency's TXT record
 * (ownership) and issues the certificate; we only read back where it stands. Responses are
 * validated; anything unexpected becomes a ServiceUnavailableError with a message safe to show.
 */
export const CLOUDFLARE_API = 'https://api.cloudflare.com/client/v4';
export const CLOUDFLARE_TIMEOUT_MS = 10_000;

const hostnameResult = z.object({
	id: z.string(),
	hostname: z.string(),
	status: z.string(),
	ssl: z.object({ status: z.string().optional() }).partial().nullish(),
	ownership_verification: z.object({ type: z.string().optional(), name: z.string(), value: z.string() }).nullish(),
	verification_errors: z.array(z.string()).nullish()
});
const envelope = z.object({
	success: z.boolean(),
	errors: z.array(z.object({ code: z.number().optional(), message: z.string() })).default([]),
	result: z.unknown()
});

export type CustomHostname = {
	id: string;
	hostname: string;
	/** Cloudflare's hostname status: 'pending', 'active', 'moved', 'blocked'... */
	status: string;
	/** The certificate: 'initializing', 'pending_validation', 'active'... */
	sslStatus: string;
	/** The TXT record that proves the agency controls the hostname. */
	ownership: { name: string; value: string } | null;
	errors: string[];
};

export interface CustomHostnamesClient {
	create(hostname: string): Promise<CustomHostname>;
	get(id: string): Promise<CustomHostname>;
	remove(id: string): Promise<void>;
}

export function createCustomHostnamesClient(deps: {
	fetch: typeof fetch;
	zoneId: string;
	apiToken: string;
	timeoutMs?: number;
}): CustomHostnamesClient {
	const base = `${CLOUDFLARE_API}/zones/${encodeURIComponent(deps.zoneId)}/custom_hostnames`;
	async function call(path: string, init: RequestInit = {}): Promise<unknown> {
		let response: Response;
		try {
			response = await deps.fetch(base + path, {
				...init,
				headers: {
					authorization: `Bearer ${deps.apiToken}`,
					'content-type': 'application/json',
					accept: 'application/json'
				},
				signal: AbortSignal.timeout(deps.timeoutMs ?? CLOUDFLARE_TIMEOUT_MS)
			});
		} catch (cause) {
			throw new ServiceUnavailableError('Cloudflare did not answer. Please try again in a moment.', { cause });
		}
		const body = envelope.safeParse(await response.json().catch(() => null));
		if (!body.success)
			throw new ServiceUnavailableError(`Cloudflare answered ${response.status} with something unexpected.`);
		if (!response.ok || !body.data.success) {
			const message = body.data.errors.map((e) => e.message).join('; ') || `status ${response.status}`;
			throw new ServiceUnavailableError(`Cloudflare refused the domain: ${message}`);
		}
		return body.data.result;
	}
	const read = (result: unknown): CustomHostname => {
		const parsed = hostnameResult.safeParse(result);
		if (!parsed.success)
			throw new ServiceUnavailableError('Cloudflare answered with a custom hostname we could not read.');
		const r = parsed.data;
		return {
			id: r.id,
			hostname: r.hostname,
			status: r.status,
			sslStatus: r.ssl?.status ?? 'initializing',
			ownership: r.ownership_verification
				? { name: r.ownership_verification.name, value: r.ownership_verification.value }
				: null,
			errors: r.verification_errors ?? []
		};
	};
	return {
		create: async (hostname) =>
			read(await call('', { method: 'POST', body: JSON.stringify({ hostname, ssl: { method: 'http', type: 'dv' } }) })),
		get: async (id) => read(await call(`/${encodeURIComponent(id)}`)),
		remove: async (id) => {
			await call(`/${encodeURIComponent(id)}`, { method: 'DELETE' });
		}
	};
}
