import type { Services } from '../services';
import { sha256Hex } from '../services/crypto';
import type { PdfBrand } from '../services/pdf/document';
import { brandOf } from './branding/brand';
import { pdfBrandOf } from './branding/pdf-brand';
import type { Workspace } from './scope';

/**
 * Bump when what a cached PDF looks like changes without its inputs changing (the drawing
 * code in invoice-pdf.ts / quote-pdf.ts, line-items-pdf.ts or services/pdf): copies made by
 * the old code are then never served again.
 */
export const PDF_LAYOUT_VERSION = 1;

/** What of the workspace a PDF shows: its brand as drawn (colours, name, logo placement) and the logo by key (a new logo gets a new key). */
function brandKey(services: Services, workspace: Workspace) {
	return {
		brand: brandOf(workspace, services.urls),
		logoKey: workspace.logoKey,
		logoContentType: workspace.logoContentType
	};
}

/**
 * A rendered document PDF, kept in R2 under the SHA-256 of everything it is drawn from, so
 * a download after the first one costs an R2 read instead of pdf-lib (the biggest part of
 * the invoice PDF route's CPU). `model` must hold every value `render` draws (the caller
 * builds the model, then renders from the model only); with the workspace's brand and
 * PDF_LAYOUT_VERSION it makes the key, so any change to the document, its payments or the
 * branding is a new key: an outdated copy is never served, and after a new one is stored
 * the older copies of that document are deleted.
 *
 * Tenancy: the caller has read the document through its scope before this runs (another
 * client's or workspace's document is "not found" there), and keys live under the
 * workspace and the document.
 */
export async function cachedPdf(opts: {
	services: Services;
	workspace: Workspace;
	kind: 'invoice' | 'quote';
	documentId: string;
	model: unknown;
	render: (brand: PdfBrand) => Promise<Uint8Array>;
}): Promise<Uint8Array> {
	const { services, workspace } = opts;
	const hash = await sha256Hex(JSON.stringify([PDF_LAYOUT_VERSION, brandKey(services, workspace), opts.model]));
	const prefix = `pdf-cache/${workspace.id}/${opts.kind}/${opts.documentId}/`;
	const key = `${prefix}${hash}.pdf`;
	const stored = await services.storage.getBytes(key);
	if (stored) return stored;
	const bytes = await opts.render(await pdfBrandOf({ services, workspace }));
	// After the response: keep this copy, then drop the ones it replaces.
	services.defer(async () => {
		await services.storage.put(key, bytes, { contentType: 'application/pdf', size: bytes.length });
		for (const old of await services.storage.listKeys(prefix)) if (old !== key) await services.storage.delete(old);
	});
	return bytes;
}
