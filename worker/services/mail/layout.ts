export type EmailBrand = {
	name: string;
	color: string;
	onColor: string;
	logoUrl: string | null;
	portalUrl?: string;
	/** The header band the logo sits on (default: the brand colour); a light band gets a brand-coloured rule. */
	header?: { background: string; text: string; light: boolean };
	/** Whether the name is written beside the logo (false for a wordmark). Default: yes. */
	showName?: boolean;
	/** The sender's own footer line (plain text; escaped). */
	footer?: string | null;
	/** Adds "Powered by CoPortal" to the footer. Default: no. */
	poweredBy?: boolean;
};

export type EmailContent = {
	preheader?: string;
	heading: string;
	paragraphs: string[];
	/** Quoted text shown in a box, e.g. a message body. Plain text; escaped. */
	quote?: string;
	button?: { label: string; url: string };
	/** Further choices after the button, each a button of its own (staff with workspaces on two shards). */
	moreButtons?: { label: string; url: string }[];
	footnote?: string;
};

/** The product's own look, for emails CoPortal sends as itself (sign-up, staff sign-in, team invitations). */
export function coportalBrand(appUrl: string): EmailBrand {
	return { name: 'CoPortal', color: '#111827', onColor: '#ffffff', logoUrl: null, portalUrl: appUrl };
}

export function escapeHtml(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** A branded email: table-based HTML that survives mail clients, plus the plain-text twin. */
export function renderEmail(brand: EmailBrand, content: EmailContent): { html: string; text: string } {
	const e = escapeHtml;
	const header = brand.header ?? { background: brand.color, text: brand.onColor, light: false };
	const nameText = `<span style="font-size:20px;font-weight:700;color:${e(header.text)};vertical-align:middle">${e(brand.name)}</span>`;
	const showName = !brand.logoUrl || brand.showName !== false;
	// A wordmark carries the name as its alt text; beside the written name the image is decoration.
	const logo = brand.logoUrl
		? `<img src="${e(brand.logoUrl)}" alt="${showName ? '' : e(brand.name)}" height="48" style="height:48px;max-width:240px;border:0;vertical-align:middle">${showName ? `&nbsp;&nbsp;${nameText}` : ''}`
		: nameText;
	const paragraphs = content.paragraphs.map((p) => `<p style="margin:0 0 16px;line-height:1.6">${e(p)}</p>`).join('');
	const quote = content.quote
		? `<div style="margin:0 0 16px;padding:12px 16px;border-left:4px solid ${e(brand.color)};background:#f3f4f6;white-space:pre-wrap;line-height:1.5">${e(content.quote)}</div>`
		: '';
	const buttons = content.button ? [content.button, ...(content.moreButtons ?? [])] : [];
	const button = buttons
		.map(
			(
				b
			) => `<p style="margin:24px 0"><a href="${e(b.url)}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:${e(brand.color)};color:${e(brand.onColor)};text-decoration:none;font-weight:600">${e(b.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#4b5563;line-height:1.5">Or paste this link into your browser:<br><a href="${e(b.url)}" style="color:#1f2937;word-break:break-all">${e(b.url)}</a></p>`
		)
		.join('\n');
	const footnote = content.footnote
		? `<p style="margin:16px 0 0;font-size:13px;color:#4b5563;line-height:1.5">${e(content.footnote)}</p>`
		: '';
	const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(content.heading)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#111827">
${content.preheader ? `<div style="display:none;max-height:0;overflow:hidden">${e(content.preheader)}</div>` : ''}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 0"><tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;overflow:hidden">
<tr><td style="background:${e(header.background)};padding:20px 24px;${header.light ? `border-bottom:4px solid ${e(brand.color)}` : ''}">${logo}</td></tr>
<tr><td style="padding:24px">
<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3">${e(content.heading)}</h1>
${paragraphs}${quote}${button}${footnote}
</td></tr>
<tr><td style="padding:16px 24px;background:#f9fafb;font-size:12px;color:#4b5563">${brand.footer ? `<p style="margin:0 0 8px;white-space:pre-wrap">${e(brand.footer)}</p>` : ''}Sent by ${e(brand.name)}${brand.portalUrl ? ` · <a href="${e(brand.portalUrl)}" style="color:#374151">${e(brand.portalUrl)}</a>` : ''}${brand.poweredBy ? ' · Powered by CoPortal' : ''}</td></tr>
</table></td></tr></table></body></html>`;
	const text = [
		content.heading,
		'',
		...content.paragraphs.flatMap((p) => [p, '']),
		...(content.quote ? [content.quote.replace(/^/gm, '> '), ''] : []),
		...buttons.flatMap((b) => [`${b.label}: ${b.url}`, '']),
		...(content.footnote ? [content.footnote, ''] : []),
		`-- ${brand.name}${brand.portalUrl ? ` (${brand.portalUrl})` : ''}`,
		...(brand.footer ? [brand.footer] : []),
		...(brand.poweredBy ? ['Powered by CoPortal'] : [])
	].join('\n');
	return { html, text };
}
