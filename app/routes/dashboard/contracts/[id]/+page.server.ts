import { countersignContract } from '$domain/contracts/countersign-contract';
import { getContract } from '$domain/contracts/get-contract';
import { sendContract } from '$domain/contracts/send-contract';
import { voidContract } from '$domain/contracts/void-contract';
import { listRecipients } from '$domain/notifications/list-recipients';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

const auditOf = (locals: App.Locals, request: Request) => ({
	ip: locals.ip,
	userAgent: request.headers.get('user-agent')
});

export const load = async ({ locals, url, params }) => {
	const scope = staffScope(locals, url);
	const detail = await loadOrError(() => getContract({ ...scope, contractId: params.id }));
	const recipients = detail.can.send ? await listRecipients({ ...scope, clientId: detail.contract.clientId }) : [];
	return {
		detail,
		recipients,
		staffName: scope.actor.name,
		workspaceName: scope.workspace.displayName ?? scope.workspace.name
	};
};

export const actions = {
	send: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => {
			const { sentTo } = await sendContract({
				...scope,
				contractId: params.id,
				input: values,
				audit: auditOf(locals, request)
			});
			return { sent: true, sentTo };
		}, values);
	},
	void: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => {
			await voidContract({ ...scope, contractId: params.id, audit: auditOf(locals, request) });
			return { voided: true };
		});
	},
	countersign: async ({ locals, url, params, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(
			async () => {
				await countersignContract({ ...scope, contractId: params.id, input: values, audit: auditOf(locals, request) });
				return { countersigned: true };
			},
			{ ...values, signatureImage: '' }
		);
	}
};
