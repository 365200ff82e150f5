import type { Transporter } from '@sveltejs/kit';

/**
 * Data of a page that ships no JavaScript (`csr = false`, the portal's default), read only by
 * the server's rendering. SvelteKit still serialises every load's data with devalue into the
 * HTML for a browser that will never read it (render.js builds it before it checks csr): on the
 * invoice list that was about 0.7 ms of CPU per request, and garbage on top (bench/PROFILE.md).
 * A load marks its returned object with `renderedOnServer`; the transport hook (app/hooks.ts)
 * then writes a one-number placeholder instead of walking the object.
 *
 * Only for the HTML: a data request (`__data.json`) is left unmarked, because a page that does
 * hydrate (the quote page, a live thread) navigates to these pages in the browser and needs
 * their data. Never mark a page with `csr = true`: decoding the placeholder throws to say so.
 */
const marked = new WeakSet<object>();

export function renderedOnServer<T extends object>(event: { isDataRequest: boolean }, data: T): T {
	if (!event.isDataRequest) marked.add(data);
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
