import { describe, expect, it } from 'vitest';
import { checkFileContent, resolveFileType } from './file-types';

const bytes = (...values: (number | string)[]) => new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));
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
		expect(() => resolveFileType('setup.exe', 'application/x-msdownload')).toThrow(expect.objectContaining({ code: 'unsupported_media_type', message: expect.stringContaining('.exe files cannot be uploaded') }));
		expect(() => resolveFileType('page.html', 'text/html')).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
		expect(() => resolveFileType('README', 'text/plain')).toThrow(expect.objectContaining({ message: expect.stringContaining('needs an extension') }));
	});

	it('refuses a claimed type that contradicts the extension', () => {
		expect(() => resolveFileType('photo.png', 'text/html')).toThrow(expect.objectContaining({ code: 'unsupported_media_type', fields: { file: expect.stringContaining('does not match its .png name') } }));
	});
});

describe('checkFileContent', () => {
	it('accepts files whose first bytes match their type', () => {
		expect(() => checkFileContent('png', PNG)).not.toThrow();
		expect(() => checkFileContent('pdf', bytes('%PDF-1.7\n'))).not.toThrow();
		expect(() => checkFileContent('jpg', bytes(0xff, 0xd8, 0xff, 0xe0))).not.toThrow();
		expect(() => checkFileContent('docx', bytes('PK', 3, 4, 20, 0))).not.toThrow();
		expect(() => checkFileContent('txt', bytes('hello, world\n'))).not.toThrow();
		expect(() => checkFileContent('svg', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).not.toThrow();
	});

	it('refuses files dressed up as another type', () => {
		expect(() => checkFileContent('pdf', bytes('MZ', 0x90, 0, 3))).toThrow(expect.objectContaining({ code: 'unsupported_media_type', message: expect.stringContaining('does not look like a PDF document') }));
		expect(() => checkFileContent('png', bytes(0xff, 0xd8, 0xff, 0xe0))).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
		expect(() => checkFileContent('txt', PNG)).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
		expect(() => checkFileContent('svg', bytes('<html><script>alert(1)</script></html>'))).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
	});
});
