/**
 * The one spelling of a hostname that anything is decided on: lowercase, without
 * the trailing dot of a fully qualified name ("LocalHost." is "localhost").
 * Used by resolveHost (domain/workspaces/resolve-host.ts: the Worker, the page reroute and the
 * SvelteKit hooks) and the development-host check (services/index.ts).
 */
export function normalizeHostname(hostname: string): string {
	return hostname.toLowerCase().replace(/\.+$/, '');
}
