import { describe, expect, it } from 'vitest';
import { previewKind } from './file-display';
import { checkFileContent, resolveFileType, servedContentType } from './file-types';

const bytes = (...values: (number | string)[]) =>
	new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));
const PNG = bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'IHDR');

describe('resolveFileType', () => {
	it('stores our own content type for an allowed extension', () => {
		expect(resolveFileType('a.pdf', 'application/pdf').mime).toBe('application/pdf');
		expect(resolveFileType('a.JPG', 'image/jpeg').mime).toBe('image/jpeg');
		expect(resolveFileType('data.csv', 'application/vnd.ms-excel').mime).toBe('text/csv');
		expect(resolveFileType('notes.md', '').mime).toBe('text/markdown');
		expect(resolveFileType('a.png', 'application/octet-stream; charset=binary').mime).toBe('image/png');
	});

	it('refuses extensions that are not on the list, and names without one', () => {
		expect(() => resolveFileType('setup.exe', 'application/x-msdownload')).toThrow(
			expect.objectContaining({
				code: 'unsupported_media_type',
				message: expect.stringContaining('.exe files cannot be uploaded')
			})
		);
		expect(() => resolveFileType('page.html', 'text/html')).toThrow(
			expect.objectContaining({ code: 'unsupported_media_type' })
		);
		expect(() => resolveFileType('README', 'text/plain')).toThrow(
			expect.objectContaining({ message: expect.stringContaining('needs an extension') })
		);
	});

	it('refuses a claimed type that contradicts the extension', () => {
		expect(() => resolveFileType('photo.png', 'text/html')).toThrow(
			expect.objectContaining({
				code: 'unsupported_media_type',
				fields: { file: expect.stringContaining('does not match its .png name') }
			})
		);
	});
});

describe('checkFileContent', () => {
	it('accepts files whose first bytes match their type', () => {
		expect(() => checkFileContent('png', PNG)).not.toThrow();
		expect(() => checkFileContent('pdf', bytes('%PDF-1.7\n'))).not.toThrow();
		expect(() => checkFileContent('jpg', bytes(0xff, 0xd8, 0xff, 0xe0))).not.toThrow();
		expect(() => checkFileContent('docx', bytes('PK', 3, 4, 20, 0))).not.toThrow();
		expect(() => checkFileContent('txt', bytes('hello, world\n'))).not.toThrow();
		expect(() =>
			checkFileContent('svg', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))
		).not.toThrow();
	});

	it('refuses files dressed up as another type', () => {
		expect(() => checkFileContent('pdf', bytes('MZ', 0x90, 0, 3))).toThrow(
			expect.objectContaining({
				code: 'unsupported_media_type',
				message: expect.stringContaining('does not look like a PDF document')
			})
		);
		expect(() => checkFileContent('png', bytes(0xff, 0xd8, 0xff, 0xe0))).toThrow(
			expect.objectContaining({ code: 'unsupported_media_type' })
		);
		expect(() => checkFileContent('txt', PNG)).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
		expect(() => checkFileContent('svg', bytes('<html><script>alert(1)</script></html>'))).toThrow(
			expect.objectContaining({ code: 'unsupported_media_type' })
		);
	});
});

describe('design formats and images (issue 13)', () => {
	const PDF = bytes('%PDF-1.6\n');
	const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF');
	const GIF = bytes('GIF89a', 1, 0, 1, 0);
	const WEBP = bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 ');
	const ZIP = bytes('PK', 3, 4, 20, 0);

	it('takes Illustrator, Photoshop, Figma, EPS, Sketch, QuickTime and ZIP files whose bytes match', () => {
		expect(resolveFileType('Logo.ai', 'application/postscript').mime).toBe('application/postscript');
		expect(resolveFileType('Logo.ai', 'application/pdf').mime).toBe('application/postscript');
		expect(resolveFileType('Hero.psd', 'image/vnd.adobe.photoshop').mime).toBe('image/vnd.adobe.photoshop');
		expect(resolveFileType('Screens.fig', '').mime).toBe('application/x-figma');
		expect(resolveFileType('Mark.eps', 'application/eps').mime).toBe('application/postscript');
		expect(resolveFileType('App.sketch', 'application/octet-stream').mime).toBe('application/x-sketch');
		expect(resolveFileType('Walkthrough.MOV', 'video/quicktime').mime).toBe('video/quicktime');
		expect(resolveFileType('Assets.zip', 'application/x-zip-compressed').mime).toBe('application/zip');

		expect(() => checkFileContent('ai', PDF)).not.toThrow();
		expect(() => checkFileContent('ai', bytes('%!PS-Adobe-3.0\n'))).not.toThrow();
		expect(() => checkFileContent('eps', bytes('%!PS-Adobe-3.0 EPSF-3.0\n'))).not.toThrow();
		expect(() => checkFileContent('eps', bytes(0xc5, 0xd0, 0xd3, 0xc6, 0, 0))).not.toThrow();
		expect(() => checkFileContent('psd', bytes('8BPS', 0, 1))).not.toThrow();
		expect(() => checkFileContent('fig', bytes('fig-kiwi', 0, 0))).not.toThrow();
		expect(() => checkFileContent('fig', ZIP)).not.toThrow();
		expect(() => checkFileContent('sketch', ZIP)).not.toThrow();
		expect(() => checkFileContent('mov', bytes(0, 0, 0, 0x14, 'ftypqt  '))).not.toThrow();
		expect(() => checkFileContent('mov', bytes(0, 0, 0, 0x08, 'wide'))).not.toThrow();
		expect(() => checkFileContent('zip', ZIP)).not.toThrow();
	});

	it('refuses design files whose bytes are something else', () => {
		const exe = bytes('MZ', 0x90, 0, 3, 0, 0, 0);
		for (const ext of ['ai', 'eps', 'psd', 'fig', 'sketch', 'mov', 'zip']) {
			expect(() => checkFileContent(ext, exe), ext).toThrow(
				expect.objectContaining({ code: 'unsupported_media_type' })
			);
		}
		expect(() => checkFileContent('psd', PNG)).toThrow(
			expect.objectContaining({ message: expect.stringContaining('does not look like a Photoshop file') })
		);
		expect(() => checkFileContent('sketch', PDF)).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
	});

	it('checks an image by its bytes, not its extension: a PNG named .jpg, a JPEG named .png, HTML named .gif are refused', () => {
		expect(() => checkFileContent('jpg', JPEG)).not.toThrow();
		expect(() => checkFileContent('jpeg', JPEG)).not.toThrow();
		expect(() => checkFileContent('gif', GIF)).not.toThrow();
		expect(() => checkFileContent('webp', WEBP)).not.toThrow();
		expect(() => checkFileContent('jpg', PNG)).toThrow(
			expect.objectContaining({ message: expect.stringContaining('does not look like a JPEG image') })
		);
		expect(() => checkFileContent('png', JPEG)).toThrow(
			expect.objectContaining({ message: expect.stringContaining('does not look like a PNG image') })
		);
		expect(() => checkFileContent('gif', bytes('<html><script>alert(1)</script>'))).toThrow(
			expect.objectContaining({ code: 'unsupported_media_type' })
		);
		expect(() => checkFileContent('webp', bytes('RIFF', 0, 0, 0, 0, 'WAVE'))).toThrow(
			expect.objectContaining({ code: 'unsupported_media_type' })
		);
		// A claimed image type that contradicts the extension is refused before any byte is read.
		expect(() => resolveFileType('photo.jpg', 'image/png')).toThrow(
			expect.objectContaining({ code: 'unsupported_media_type' })
		);
	});

	it('serves types some program would interpret as opaque bytes, and the rest as stored', () => {
		for (const mime of [
			'image/svg+xml',
			'application/postscript',
			'image/vnd.adobe.photoshop',
			'application/x-figma',
			'application/x-sketch',
			'text/html',
			'made/up'
		]) {
			expect(servedContentType(mime), mime).toBe('application/octet-stream');
		}
		for (const mime of [
			'application/pdf',
			'image/png',
			'image/jpeg',
			'application/zip',
			'video/quicktime',
			'text/plain'
		])
			expect(servedContentType(mime), mime).toBe(mime);
	});

	it('previews raster images and PDF only, never SVG or anything else', () => {
		expect(['image/png', 'image/jpeg', 'image/gif', 'image/webp'].map(previewKind)).toEqual([
			'image',
			'image',
			'image',
			'image'
		]);
		expect(previewKind('application/pdf')).toBe('pdf');
		for (const mime of [
			'image/svg+xml',
			'application/postscript',
			'image/vnd.adobe.photoshop',
			'text/plain',
			'text/html',
			'video/quicktime',
			'application/zip'
		])
			expect(previewKind(mime), mime).toBeNull();
	});
});
