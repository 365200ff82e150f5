// Types for server.mjs (plain ESM so npm start needs no build step).
export const root: string;
export const quietEnv: NodeJS.ProcessEnv;
export function run(cmd: string, args: string[], opts?: { quiet?: boolean }): unknown;
export function build(): void;
export const DEMO_SHARD_DIRECTORY: string;
export function applyMigrations(persistTo?: string, bindings?: string[]): void;
export function freePort(): Promise<number>;
export type LocalServer = {
	url: string;
	port: number;
	stop(): Promise<void>;
	child: import('node:child_process').ChildProcess;
};
export function startServer(opts: {
	port: number;
	persistTo?: string;
	vars?: Record<string, string>;
	stdio?: 'pipe' | 'inherit';
	log?: (line: string) => void;
	cron?: boolean;
}): Promise<LocalServer>;
export function seed(url: string): Promise<{ seeded: boolean }>;
