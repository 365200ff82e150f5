import { invoiceInstalments } from '../../../db/schema';
import { insertChunks } from '../../services/db';
import { newId } from '../../services/ids';
import type { Scope } from '../scope';
import type { Instalment } from './schedule';

/** The insert statements of an invoice's payment schedule, for the batch that writes the invoice. */
export function instalmentInserts(
	scope: Pick<Scope, 'services' | 'workspace'>,
	invoice: { id: string; clientId: string },
	instalments: Instalment[]
) {
	const now = scope.services.clock.now();
	return insertChunks(
		scope.services.db,
		invoiceInstalments,
		instalments.map((s) => ({
			id: newId('ins'),
			workspaceId: scope.workspace.id,
			clientId: invoice.clientId,
			invoiceId: invoice.id,
			...s,
			paidAt: null,
			createdAt: now
		}))
	);
}
