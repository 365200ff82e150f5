import { describe, expect, it } from 'vitest';
import { workspaces } from '../../../db/schema';
import { ACME, DEMO, hosts, request, scopes, seed, testClock, testServices, workspace } from '../../../tests/helpers';
import { eq } from 'drizzle-orm';
import { renderEmail } from '../../services/mail/layout';
import { PdfDoc } from '../../services/pdf/document';
import { pngBytes } from '../contracts/testing';
import { encodePng } from '../../../tests/png';
import { brandOf, logoOnLightBand } from './brand';
import { logoSize, pngLuminance } from './logo-pixels';
import { pdfBrandOf } from './pdf-brand';
import { removeLogo } from './remove-logo';
import { updateBranding } from './update-branding';
import { uploadLogo } from './upload-logo';

const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
/** A 100x30 dark "ACME" wordmark on a transparent background (the Acme demo logo). */
const DARK_WORDMARK = b64(
	'iVBORw0KGgoAAAANSUhEUgAAAGQAAAAeCAYAAADaW7vzAAAAiUlEQVR42u3awQnAIAwAQCfpvzN0/7naEYo0ialcwJeiCfcIAccQ/4rjvO6ZlX3/23vR+UTn+zU/IECAAOkMUl1Qdc+LPl/exIEAAQIESBlI9T4QIECAAMkbfHYDaTeZAwECBEgjkN2aevf8gQABAgQIEAUBAQIESHxB2YOWTw5AgAABsg5ErI0HNVNMi6IatbgAAAAASUVORK5CYII='
);
/** A minimal baseline JPEG header: SOI, APP0, then SOF0 for 320x80. */
const JPEG = Uint8Array.from([
	0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xc0, 0, 17, 8, 0, 80, 1,
	64, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1
]);

/** A square PNG of one colour (RGBA, with alpha). */
const squarePng = (rgba: [number, number, number, number], side = 20) => encodePng(side, side, 4, () => rgba);

describe('a logo where it can be read', () => {
	it('measures a PNG: how light its visible pixels are (transparency ignored), and the size of PNG and JPEG logos', async () => {
		expect(await pngLuminance(DARK_WORDMARK)).toBeLessThan(50);
		expect(await pngLuminance(await squarePng([255, 255, 255, 255]))).toBe(1000);
		expect(await pngLuminance(await squarePng([0, 0, 0, 0]))).toBeNull(); // nothing visible
		expect(await pngLuminance(await pngBytes())).toBeGreaterThan(700); // a black stroke on white (RGB, no alpha)
		expect(await pngLuminance(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))).toBeNull();
		expect(logoSize(DARK_WORDMARK, 'image/png')).toEqual({ width: 100, height: 30 });
		expect(logoSize(JPEG, 'image/jpeg')).toEqual({ width: 320, height: 80 });
	});

	it('puts a dark logo on a light band and a light one on the brand colour, unless the owner chose', () => {
		const dark = { logoKey: 'k', logoBackground: 'auto' as const, logoLuminance: 30 };
		const white = { ...dark, logoLuminance: 1000 };
		expect(logoOnLightBand(dark, '#4338ca')).toBe(true);
		expect(logoOnLightBand(white, '#4338ca')).toBe(false);
		// On a pale brand colour even a dark logo reads fine, and the brand colour is kept.
		expect(logoOnLightBand(dark, '#fde68a')).toBe(false);
		expect(logoOnLightBand({ ...white, logoBackground: 'light' }, '#4338ca')).toBe(true);
		expect(logoOnLightBand({ ...dark, logoBackground: 'brand' }, '#4338ca')).toBe(false);
		// Unknown (a JPEG, or uploaded before logos were measured): the brand colour, as it was.
		expect(logoOnLightBand({ ...dark, logoLuminance: null }, '#4338ca')).toBe(false);
		expect(logoOnLightBand({ ...dark, logoKey: null }, '#4338ca')).toBe(false);
	});

	it('an uploaded dark wordmark goes on a light band on the portal, in emails and on PDFs, without the name beside it', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		expect(await uploadLogo({ ...demoOwner, input: { bytes: DARK_WORDMARK } })).toMatchObject({
			logoHasName: true,
			logoLuminance: expect.any(Number)
		});
		const ws = await workspace(services, DEMO.workspaceId);
		const brand = brandOf(ws, services.urls);
		expect(brand).toMatchObject({ header: { background: '#ffffff', text: '#111827', light: true }, showName: false });

		const html = await (await request(hosts.demo, '/login', { headers: { accept: 'text/html' } })).text();
		expect(html).toContain('--header-bg: #ffffff');
		expect(html).toMatch(/class="topbar[^"]*topbar-light/);
		expect(html).toMatch(/<img src="[^"]*\/branding\/logo\?v=\d+" alt="Demo Studio"/);
		expect(html).not.toMatch(/<a class="brand-name"[^>]*>[\s\S]*?<span>Demo Studio<\/span>/);

		const mail = renderEmail(brand, { heading: 'Hi', paragraphs: ['Text'] });
		expect(mail.html).toContain('background:#ffffff;padding:20px 24px;border-bottom:4px solid #4338ca');
		expect(mail.html).toMatch(/alt="Demo Studio" height="48"/);
		expect(mail.html).not.toContain('font-size:20px;font-weight:700');

		const pdfBrand = await pdfBrandOf({ services, workspace: ws });
		expect(pdfBrand).toMatchObject({ headerOnLight: true, showName: false, logo: { type: 'png' } });
		const doc = await PdfDoc.create({ title: 'Quote', createdAt: testClock.now(), brand: pdfBrand });
		expect((await doc.save()).length).toBeGreaterThan(0);
	});

	it('keeps the demo’s white mark on the brand colour with the name beside it; the owner can say otherwise, and removing the logo resets it', async () => {
		const services = await seed(testServices());
		const { demoOwner } = await scopes(services);
		expect(brandOf(await workspace(services, DEMO.workspaceId), services.urls)).toMatchObject({
			header: { background: '#4338ca', light: false },
			showName: true
		});
		expect(brandOf(await workspace(services, ACME.workspaceId), services.urls)).toMatchObject({
			header: { light: true },
			showName: false
		});

		const base = { brandColor: '#4338ca', accentColor: '#0f766e' };
		await updateBranding({ ...demoOwner, input: { ...base, logoBackground: 'light', logoHasName: ['off', 'on'] } });
		let ws = await workspace(services, DEMO.workspaceId);
		expect(brandOf(ws, services.urls)).toMatchObject({ header: { light: true }, showName: false });
		// An API call that leaves them out keeps them.
		await updateBranding({ ...demoOwner, input: base });
		ws = await workspace(services, DEMO.workspaceId);
		expect(ws).toMatchObject({ logoBackground: 'light', logoHasName: true });
		await expect(updateBranding({ ...demoOwner, input: { ...base, logoBackground: 'purple' } })).rejects.toMatchObject({
			fields: { logoBackground: expect.any(String) }
		});

		await removeLogo({ ...demoOwner, workspace: ws });
		ws = await workspace(services, DEMO.workspaceId);
		expect(brandOf(ws, services.urls)).toMatchObject({ logoUrl: null, showName: true, header: { light: false } });
		expect(
			await services.db
				.select({ l: workspaces.logoLuminance })
				.from(workspaces)
				.where(eq(workspaces.id, DEMO.workspaceId))
				.get()
		).toEqual({ l: null });
	});
});
