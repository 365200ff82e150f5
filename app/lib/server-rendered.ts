import type { Transporter } from '@sveltejs/kit';

/**
 * Data of a page that ships no JavaScript (`csr = false`, the portal's default), read only by
 * the server's rendering. SvelteKit still serialises every load's data with devalue for a
 * browser that will never read it (render.js builds it before it checks csr): on the invoice
 * list that was about 0.7 ms of CPU per request, and garbage on top (bench/PROFILE.md).
 * A load marks its returned object with `renderedOnServer`; the transport hook
 * (app/hooks.ts) then writes a one-number placeholder instead of walking the object, in the
 * page's HTML and in its `__data.json` alike. Never mark a page with `csr = true`: its browser
 * code would need the data, and decoding the placeholder throws to say so.
 */
const marked = new WeakSet<object>();

export function renderedOnServer<T extends object>(data: T): T {
	marked.add(data);
	return data;
}

export const renderedOnServerTransport: Transporter = {
	encode: (value) => (typeof value === 'object' && value !== null && marked.has(value) ? 1 : false),
	decode: () => {
		throw new Error(
			'This page data was marked renderedOnServer but reached the browser: its page must keep csr = false'
		);
	}
};
