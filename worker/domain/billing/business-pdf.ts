import type { PdfDoc } from '../../services/pdf/document';
import type { BusinessDetails } from './business-details';

/** The business's payment instructions (bank details) at the foot of a quote, invoice or receipt. */
export async function drawPaymentInstructions(doc: PdfDoc, details: BusinessDetails, show: boolean): Promise<void> {
	if (!show || !details.paymentInstructions) return;
	await doc.paragraph('How to pay', { bold: true });
	await doc.paragraph(details.paymentInstructions);
}
