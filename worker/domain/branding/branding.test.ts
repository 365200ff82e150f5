import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { workspaces } from '../../../db/schema';
import {
	ACME,
	DEMO,
	emailsTo,
	hosts,
	request,
	scopes,
	seed,
	staffActor,
	testClock,
	testServices,
	workspace,
	type TestServices
} from '../../../tests/helpers';
import { PdfDoc } from '../../services/pdf/document';
import { requestPortalLoginLink } from '../auth/request-login-link';
import type { Scope } from '../scope';
import { brandColorWarnings } from './contrast-warnings';
import { sniffLogo } from './logo-file';
import { pdfBrandOf } from './pdf-brand';
import { removeLogo } from './remove-logo';
import { updateBranding } from './update-branding';
import { uploadLogo } from './upload-logo';

const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
// A 1x1 PNG, the start of a JPEG and of a WebP (what matters is the signature).
const PNG = b64('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==');
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const WEBP = new Uint8Array([
	...new TextEncoder().encode('RIFF'),
	36,
	0,
	0,
	0,
	...new TextEncoder().encode('WEBPVP8 ')
]);
const SVG = new TextEncoder().encode(
	'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
);
const GIF = new TextEncoder().encode('GIF89a....');

const BRANDING = {
	displayName: 'Pixel & Co',
	brandColor: '#336699',
	accentColor: '#0f766e',
	welcomeMessage: 'Hello from Pixel & Co.',
	emailSenderName: 'Pixel Team'
};

async function rebranded(services: TestServices): Promise<Scope> {
	const { demoOwner } = await scopes(services);
	await updateBranding({ ...demoOwner, input: BRANDING });
	return { ...demoOwner, workspace: await workspace(services, DEMO.workspaceId) };
}

/** Every content stream of a PDF, decompressed, as text. */
async function pdfContent(bytes: Uint8Array): Promise<{ text: string; images: number }> {
	const pdf = await PDFDocument.load(bytes);
	let text = '';
	let images = 0;
	for (const [, object] of pdf.context.enumerateIndirectObjects()) {
		if (!(object instanceof PDFRawStream)) continue;
		if (object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image')) {
			images++;
			continue;
		}
		try {
			text += new TextDecoder('latin1').decode(decodePDFRawStream(object).decode()) + '\n';
		} catch {
			/* fonts and other binary streams */
		}
	}
	return { text, images };
}

describe('logo files', () => {
	it('tells image types by their bytes and spots SVG', () => {
		expect(sniffLogo(PNG)).toBe('image/png');
		expect(sniffLogo(JPEG)).toBe('image/jpeg');
		expect(sniffLogo(WEBP)).toBe('image/webp');
		expect(sniffLogo(SVG)).toBe('svg');
		expect(sniffLogo(new TextEncoder().encode('  <svg></svg>'))).toBe('svg');
		expect(sniffLogo(GIF)).toBeNull();
	});

	it('refuses SVG, other types, empty and oversized files, whatever they claim to be', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await expect(uploadLogo({ ...demoOwner, input: { bytes: SVG } })).rejects.toMatchObject({
			code: 'unsupported_media_type',
			fields: { logo: expect.stringMatching(/SVG/) }
		});
		await expect(uploadLogo({ ...demoOwner, input: { bytes: GIF } })).rejects.toMatchObject({
			code: 'unsupported_media_type',
			fields: { logo: 'Upload a PNG, JPEG or WebP image.' }
		});
		await expect(uploadLogo({ ...demoOwner, input: { bytes: null } })).rejects.toMatchObject({
			code: 'validation_failed',
			fields: { logo: expect.any(String) }
		});
		const huge = new Uint8Array(1024 * 1024 + 1);
		huge.set(PNG);
		await expect(uploadLogo({ ...demoOwner, input: { bytes: huge } })).rejects.toMatchObject({
			code: 'payload_too_large',
			fields: { logo: expect.stringMatching(/1 MB/) }
		});
		expect((await workspace(services, DEMO.workspaceId)).logoKey).toBe(demoOwner.workspace.logoKey);
	});

	it('lets only owners upload', async () => {
		const services = await seed(testServices());
		const { demo, casey } = await scopes(services);
		const member = {
			services,
			workspace: demo,
			actor: await staffActor(services, DEMO.workspaceId, DEMO.memberUserId)
		};
		await expect(uploadLogo({ ...member, input: { bytes: PNG } })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(uploadLogo({ ...casey, input: { bytes: PNG } })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(updateBranding({ ...member, input: BRANDING })).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('stores the logo in R2, serves it on the portal cacheable by version, and deletes the old one', async () => {
		const services = await seed(testServices());
		const { acmeOwner } = await scopes(services);
		await uploadLogo({ ...acmeOwner, input: { bytes: JPEG } });
		const first = await workspace(services, ACME.workspaceId);
		await uploadLogo({ ...acmeOwner, workspace: first, input: { bytes: PNG } });
		await services.settle();
		const current = await workspace(services, ACME.workspaceId);
		expect(current.logoContentType).toBe('image/png');
		expect(await env.FILES.get(first.logoKey!)).toBeNull();

		const res = await request(hosts.acme, `/branding/logo?v=${current.updatedAt}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
		const stale = await request(hosts.acme, '/branding/logo?v=1');
		expect(stale.headers.get('cache-control')).toBe('public, max-age=300');
		await stale.arrayBuffer();

		await removeLogo({ ...acmeOwner, workspace: current });
		const gone = await request(hosts.acme, '/branding/logo', { headers: { accept: 'text/html' } });
		expect(gone.status).toBe(404);
	});
});

describe('branding', () => {
	it('warns about low contrast but saves it', async () => {
		expect(brandColorWarnings({ brandColor: '#4338ca', accentColor: '#0f766e' })).toEqual({});
		const warnings = brandColorWarnings({ brandColor: '#ff0000', accentColor: '#a3e635' });
		expect(warnings.brandColor).toMatch(/below the recommended 4.5:1/);
		expect(warnings.accentColor).toMatch(/against the white page/);
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		const saved = await updateBranding({ ...demoOwner, input: { brandColor: 'FF0000', accentColor: '#a3e635' } });
		expect(saved.warnings.brandColor).toBeDefined();
		expect(await workspace(services, DEMO.workspaceId)).toMatchObject({
			brandColor: '#ff0000',
			accentColor: '#a3e635',
			displayName: null
		});
	});

	it('refuses colours that are not hex codes, with a message per field', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		await expect(
			updateBranding({
				...demoOwner,
				input: { brandColor: 'blue', accentColor: '#12345', emailSenderName: 'Evil <x@y.z>' }
			})
		).rejects.toMatchObject({
			code: 'validation_failed',
			fields: {
				brandColor: expect.stringMatching(/hex code/),
				accentColor: expect.stringMatching(/hex code/),
				emailSenderName: expect.stringMatching(/angle brackets/)
			}
		});
	});

	it('is applied to the portal, its login page included', async () => {
		const services = await seed(testServices());
		await rebranded(services);
		const res = await request(hosts.demo, '/login', { headers: { accept: 'text/html' } });
		const html = await res.text();
		expect(html).toContain('--brand: #336699');
		expect(html).toContain('Pixel &amp; Co');
		expect(html).toContain('Hello from Pixel &amp; Co.');
		expect(html).not.toContain('Demo Studio');
	});

	it('is applied to client emails: colour, name, sender and the portal address in the footer', async () => {
		const services = await seed(testServices());
		const scope = await rebranded(services);
		await services.db.update(workspaces).set({ logoKey: null }).where(eq(workspaces.id, DEMO.workspaceId));
		await requestPortalLoginLink({
			services,
			workspace: { ...scope.workspace, logoKey: null },
			input: { email: DEMO.caseyEmail },
			ip: null
		});
		await services.settle();
		const [mail] = await emailsTo(services, DEMO.caseyEmail);
		expect(mail.from).toBe('"Pixel Team" <notifications@coportal.local>');
		expect(mail.html).toContain('background:#336699');
		expect(mail.html).toContain('Pixel &amp; Co');
		expect(mail.html).toContain('href="http://demo.localhost:8787/"');
		expect(mail.text).toContain('-- Pixel & Co (http://demo.localhost:8787/)');
	});

	it('is applied to PDFs: the header band in the brand colour and the logo from R2', async () => {
		const services = await seed(testServices());
		const scope = await rebranded(services);
		const brand = await pdfBrandOf(scope);
		expect(brand).toMatchObject({ name: 'Pixel & Co', color: '#336699', logo: { type: 'png' } });
		const doc = await PdfDoc.create({ title: 'Invoice 1', createdAt: testClock.now(), brand });
		await doc.paragraph('Thanks for your business.');
		const { text, images } = await pdfContent(await doc.save());
		expect(text).toContain('0.2 0.4 0.6 rg');
		expect(images).toBeGreaterThan(0); // the logo (and its alpha mask)

		await uploadLogo({ ...scope, input: { bytes: WEBP } });
		const webp = await pdfBrandOf({ services, workspace: await workspace(services, DEMO.workspaceId) });
		expect(webp.logo).toBeNull();
		const named = await pdfContent(
			await (await PdfDoc.create({ title: 'Invoice 2', createdAt: testClock.now(), brand: webp })).save()
		);
		expect(named.images).toBe(0);
		// Standard fonts write text as hex strings: <50697865...> Tj
		expect(named.text).toContain(
			`<${[...'Pixel & Co'].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')).join('')}>`
		);
	});
});
