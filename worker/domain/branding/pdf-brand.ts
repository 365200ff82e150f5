import type { PdfBrand } from '../../services/pdf/document';
import type { Scope } from '../scope';
import { brandOf } from './brand';

/**
 * The brand for a PDF (quotes, contracts, invoices), with the logo bytes from
 * R2 when pdf-lib can draw them (PNG or JPEG; a WebP logo falls back to the name).
 * The accent colours status stamps (an invoice's PAID, VOID).
 */
export async function pdfBrandOf(scope: Pick<Scope, 'services' | 'workspace'>): Promise<PdfBrand> {
	const { workspace, services } = scope;
	const brand = brandOf(workspace, services.urls);
	const type =
		workspace.logoContentType === 'image/png' ? 'png' : workspace.logoContentType === 'image/jpeg' ? 'jpg' : null;
	const bytes = type && workspace.logoKey ? await services.storage.getBytes(workspace.logoKey) : null;
	return {
		name: brand.name,
		color: brand.color,
		accent: brand.accent,
		logo: type && bytes ? { bytes, type } : null,
		headerOnLight: brand.header.light,
		showName: brand.showName
	};
}
