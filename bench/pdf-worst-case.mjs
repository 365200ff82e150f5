// Worst-case text through the renderers (`npm run bench:pdf`; not part of `npm test`):
// the signed contract PDF with 100,000 characters of one unbroken word or of hostile
// Markdown, a long user agent and 1,500 views; the contract page's HTML of the same
// Markdown; invoice notes of one long word; message links with long bracket tails.
// Prints the CPU time of each (process.cpuUsage, best of BENCH_PDF_RUNS, default 3) and
// exits non-zero when one exceeds BENCH_PDF_BUDGET_MS (default 1000): on Workers the
// request would die at the CPU limit. BENCH_PDF_SIZE (default 100000) sets the text size.
// Runs the TypeScript sources in Node through Vite.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runnerImport } from 'vite';
import { root, run } from '../scripts/lib/server.mjs';

// tsconfig.json extends the one SvelteKit generates.
if (!existsSync(path.join(root, '.svelte-kit', 'tsconfig.json'))) run('svelte-kit', ['sync'], { quiet: true });

const runs = Number(process.env.BENCH_PDF_RUNS ?? 3);
const budgetMs = Number(process.env.BENCH_PDF_BUDGET_MS ?? 1000);
const load = async (file) =>
	(await runnerImport(path.join(root, file), { configFile: false, logLevel: 'error' })).module;

const { renderSignedContractPdf } = await load('worker/domain/contracts/signed-pdf.ts');
const { renderMarkdown } = await load('worker/domain/contracts/markdown.ts');
const { hostileMarkdown } = await load('worker/domain/contracts/markdown-reference.ts');
const { PdfDoc } = await load('worker/services/pdf/document.ts');
const { linkify } = await load('worker/domain/threads/linkify.ts');

const SIZE = Number(process.env.BENCH_PDF_SIZE ?? 100_000);
const at = Date.UTC(2026, 10, 23, 12, 0, 5);
const userAgent = `Mozilla/5.0 ${'W'.repeat(600)}`;
const who = {
	actorKind: 'client',
	actorName: 'Casey Client',
	ip: '203.0.113.9',
	userAgent,
	documentHash: 'f'.repeat(64)
};
const signedPdf = (bodyMd) =>
	renderSignedContractPdf({
		brand: { name: 'Demo Studio', color: '#4338ca' },
		contract: {
			id: 'ctr_bench',
			title: 'Worst case',
			bodyMd,
			documentHash: who.documentHash,
			status: 'signed',
			requireCountersignature: false,
			clientName: 'Northwind Traders'
		},
		signatures: [
			{
				signerKind: 'client',
				signerName: 'Casey Client',
				signerEmail: 'client@demo.test',
				method: 'typed',
				typedName: 'Casey Client',
				image: null,
				signedAt: at,
				ip: who.ip,
				userAgent,
				documentHash: who.documentHash
			}
		],
		events: [{ ...who, event: 'signed', createdAt: at }],
		views: {
			count: 1500,
			first: { ...who, event: 'viewed', createdAt: at - 3_600_000, lastViewedAt: at - 3_000_000 },
			last: { ...who, event: 'viewed', createdAt: at - 600_000, lastViewedAt: at - 1000 }
		},
		generatedAt: at
	});
const hostile = hostileMarkdown(SIZE);
const mixed = Object.values(hostileMarkdown(Math.ceil(SIZE / 11)))
	.join('\n\n')
	.slice(0, SIZE);

const cases = [
	[`signed PDF: one ${SIZE.toLocaleString('en')}-character word`, () => signedPdf('W'.repeat(SIZE))],
	[`signed PDF: ${SIZE.toLocaleString('en')} characters of hostile Markdown`, () => signedPdf(mixed)],
	...Object.entries(hostile).map(([name, text]) => [
		`contract page HTML: ${name} (${text.length.toLocaleString('en')} chars)`,
		() => renderMarkdown(text)
	]),
	[
		'invoice-style notes: one 5,000-character word',
		async () => {
			const doc = await PdfDoc.create({ title: 'Invoice', brand: { name: 'Demo Studio', color: '#4338ca' } });
			await doc.paragraph('W'.repeat(5000));
			return doc.save();
		}
	],
	[
		'message links: 5,000-character bracket tail x 20 messages',
		() => Array.from({ length: 20 }, () => linkify(`https://a.test/x${')'.repeat(5000)}`))
	]
];

let over = 0;
console.log(`CPU ms, best of ${runs} (budget ${budgetMs} ms):`);
for (const [name, work] of cases) {
	let best = Infinity;
	for (let i = 0; i < runs; i++) {
		const start = process.cpuUsage();
		await work();
		const used = process.cpuUsage(start);
		best = Math.min(best, (used.user + used.system) / 1000);
	}
	if (best > budgetMs) over++;
	console.log(`${best > budgetMs ? 'OVER' : '  ok'}  ${best.toFixed(0).padStart(6)}  ${name}`);
}
if (over) {
	console.error(`${over} case(s) over the ${budgetMs} ms budget`);
	process.exit(1);
}
