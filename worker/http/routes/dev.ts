import { Hono } from 'hono';
import { mintLoginLink } from '../../dev/mint-login-link';
import { listOutbox, openOutboxAttachment, outboxAttachmentPath } from '../../dev/outbox';
import { downloadHeaders } from '../../domain/files/download-headers';
import { AppError } from '../../domain/errors';
import { seedDemoShards } from '../../dev/seed';
import { escapeHtml } from '../../services/mail/layout';
import { readJson } from '../errors';
import type { ApiEnv } from '../types';

/** Development helpers. Every route answers 404 unless ENVIRONMENT is development. */
export const devRoutes = new Hono<ApiEnv>();

devRoutes.use('*', async (c, next) => {
	if (!c.get('services').config.isDevelopment)
		return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
	await next();
});

devRoutes.get('/outbox.json', async (c) => {
	const to = c.req.query('to');
	return c.json(await listOutbox(c.get('services'), { to, everyShard: true }), 200, { 'Cache-Control': 'no-store' });
});

devRoutes.get('/outbox', async (c) => {
	const emails = await listOutbox(c.get('services'), { everyShard: true });
	const e = escapeHtml;
	const linkify = (text: string) => e(text).replace(/(https?:\/\/[^\s<]+)/g, (url) => `<a href="${url}">${url}</a>`);
	const items = emails
		.map(
			(m) => `<article>
  <header><h2>${e(m.subject)}</h2><p><strong>To:</strong> ${e(m.to)} · <strong>From:</strong> ${e(m.from)} · <time datetime="${m.sent_at}">${e(m.sent_at.replace('T', ' ').slice(0, 19))} UTC</time> · ${e(m.tag)} · ${e(m.status)}${
		m.attachments.length
			? ` · 📎 ${m.attachments.map((a, i) => `<a href="${e(outboxAttachmentPath(m.id, i))}" download="${e(a.filename)}">${e(a.filename)}</a>`).join(', ')}`
			: ''
	}</p></header>
  <pre>${linkify(m.text)}</pre>
  <details><summary>HTML version</summary><iframe title="HTML version of ${e(m.subject)}" sandbox srcdoc="${e(m.html)}"></iframe></details>
</article>`
		)
		.join('\n');
	return c.html(
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Dev outbox · CoPortal</title>
<style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#111827}article{border:1px solid #d1d5db;border-radius:8px;padding:1rem;margin:1rem 0}h2{margin:0 0 .25rem;font-size:1.1rem}header p{margin:0;color:#374151;font-size:.9rem}pre{white-space:pre-wrap;background:#f3f4f6;padding:.75rem;border-radius:6px}a{color:#1d4ed8}iframe{width:100%;height:28rem;border:1px solid #d1d5db}</style></head>
<body><h1>Dev outbox</h1><p>Emails CoPortal sent in development, newest first. JSON: <a href="/dev/outbox.json">/dev/outbox.json</a></p>${items || '<p>No emails yet.</p>'}</body></html>`,
		200,
		{ 'Cache-Control': 'no-store' }
	);
});

/** An attachment the outbox lists, as a download (development and local hosts only, like every /dev route). */
devRoutes.get('/outbox/:id/attachments/:index', async (c) => {
	const found = await openOutboxAttachment(c.get('services'), {
		emailId: c.req.param('id'),
		index: Number(c.req.param('index'))
	});
	if (!found) throw new AppError('not_found', 'That attachment is not in the outbox.');
	return new Response(found.bytes as Uint8Array<ArrayBuffer>, {
		headers: downloadHeaders({
			name: found.filename,
			contentType: found.contentType,
			sizeBytes: found.bytes.byteLength
		})
	});
});

/** Seeds the demo data into each empty shard (npm start and the e2e suite call this). */
devRoutes.post('/seed', async (c) => {
	const result = await seedDemoShards(c.get('services'));
	return c.json(result);
});

/** A sign-in link with a chosen lifetime, for the browser tests (worker/dev/mint-login-link.ts). */
devRoutes.post('/login-link', async (c) =>
	c.json(await mintLoginLink({ services: c.get('services'), input: await readJson(c) }))
);
