import { describe, expect, it } from 'vitest';
import { asciiFilename, MAX_NAME_BYTES, renamedFilename, sanitizeFilename } from './filename';
import { contentDisposition } from './download-headers';
import { formatBytes, tooLargeMessage } from './file-size';

describe('sanitizeFilename', () => {
	it('keeps only the last path segment, whatever the separators', () => {
		expect(sanitizeFilename('../../etc/passwd.txt')).toBe('passwd.txt');
		expect(sanitizeFilename('..\\..\\Windows\\system.ini.txt')).toBe('system.ini.txt');
		expect(sanitizeFilename('/absolute/report.pdf')).toBe('report.pdf');
	});

	it('removes control, zero-width and bidi override characters', () => {
		expect(sanitizeFilename('in\u0000voi\u001fce\u007f.pdf')).toBe('invoice.pdf');
		expect(sanitizeFilename('evil\u202Efdp.exe')).toBe('evilfdp.exe');
		expect(sanitizeFilename('a\u200Bb\r\n.txt')).toBe('ab.txt');
	});

	it('replaces characters Windows rejects and trims dots and spaces at the ends', () => {
		expect(sanitizeFilename('  what? <draft>: "v2" | final*.pdf  ')).toBe('what_ _draft__ _v2_ _ final_.pdf');
		expect(sanitizeFilename('...hidden.txt')).toBe('hidden.txt');
		expect(sanitizeFilename('name. . .')).toBe('name');
		expect(sanitizeFilename('report .pdf')).toBe('report.pdf');
	});

	it('defuses Windows device names', () => {
		expect(sanitizeFilename('CON.txt')).toBe('_CON.txt');
		expect(sanitizeFilename('lpt1.pdf')).toBe('_lpt1.pdf');
	});

	it('shortens overlong names to the byte limit, keeping the extension and whole characters', () => {
		const long = sanitizeFilename(`${'é'.repeat(300)}.pdf`);
		expect(long.endsWith('.pdf')).toBe(true);
		expect(new TextEncoder().encode(long).byteLength).toBeLessThanOrEqual(MAX_NAME_BYTES);
		expect(long.slice(0, -4)).toMatch(/^é+$/);
		expect(sanitizeFilename(`${'a'.repeat(500)}.docx`)).toBe(`${'a'.repeat(MAX_NAME_BYTES - 5)}.docx`);
	});

	it('keeps unicode names (normalised) and the extension case', () => {
		expect(sanitizeFilename('Cafe\u0301 menu.PDF')).toBe('Café menu.PDF');
		expect(sanitizeFilename('日本語の資料.pdf')).toBe('日本語の資料.pdf');
	});

	it('returns nothing usable for names made only of junk', () => {
		expect(sanitizeFilename('../..')).toBe('');
		expect(sanitizeFilename('\u0000\u0001')).toBe('');
		expect(sanitizeFilename('.pdf')).toBe('pdf');
	});
});

describe('renamedFilename', () => {
	it('keeps the original extension whatever the new name ends with', () => {
		expect(renamedFilename('Final', 'draft.pdf')).toBe('Final.pdf');
		expect(renamedFilename('Final.PDF', 'draft.pdf')).toBe('Final.pdf');
		expect(renamedFilename('page.html', 'draft.pdf')).toBe('page.html.pdf');
		expect(renamedFilename('../../x', 'draft.pdf')).toBe('x.pdf');
		expect(renamedFilename('   ', 'draft.pdf')).toBe('');
		// Leading dots go (no hidden files), so ".pdf" is a name "pdf".
		expect(renamedFilename('.pdf', 'draft.pdf')).toBe('pdf.pdf');
	});
});

describe('Content-Disposition', () => {
	it('is always an attachment with an ASCII fallback and an RFC 5987 UTF-8 name', () => {
		expect(contentDisposition('Café menu (v2).pdf')).toBe(
			`attachment; filename="Cafe menu (v2).pdf"; filename*=UTF-8''Caf%C3%A9%20menu%20%28v2%29.pdf`
		);
		expect(contentDisposition('日本.pdf')).toBe(
			`attachment; filename="__.pdf"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf`
		);
		expect(asciiFilename('a"b\\c;d%.txt')).toBe('a_b_c_d_.txt');
	});
});

describe('size messages', () => {
	it('say how large the file is and what the limit is, exactly when both round the same', () => {
		expect(tooLargeMessage(30 * 1024 * 1024, 25 * 1024 * 1024)).toBe(
			'This file is 30 MB; the largest file you can upload is 25 MB.'
		);
		expect(tooLargeMessage(25 * 1024 * 1024 + 1, 25 * 1024 * 1024)).toBe(
			'This file is 26,214,401 bytes; the largest file you can upload is 25 MB.'
		);
		expect(formatBytes(1)).toBe('1 byte');
		expect(formatBytes(1536)).toBe('1.5 KB');
		expect(formatBytes(312 * 1024)).toBe('312 KB');
	});
});
