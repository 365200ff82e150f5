import type { PdfBrand } from '../../services/pdf/document';
import type { Services } from '../../services';
import type { Workspace } from '../scope';

/** The workspace's branding for a PDF (name, colour, and its logo from R2 when it is a PNG or JPEG). */
export async function pdfBrandOf(services: Pick<Services, 'storage'>, workspace: Workspace): Promise<PdfBrand> {
	const name = workspace.displayName?.trim() || workspace.name;
	let logo: PdfBrand['logo'] = null;
	const type = workspace.logoContentType === 'image/png' ? 'png' : workspace.logoContentType === 'image/jpeg' ? 'jpg' : null;
	if (workspace.logoKey && type) {
		const bytes = await services.storage.getBytes(workspace.logoKey);
		if (bytes) logo = { bytes, type };
	}
	return { name, color: workspace.brandColor, logo };
}
