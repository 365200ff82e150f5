import { leadPipeline } from '$domain/leads/lead-pipeline';
import { listLeads } from '$domain/leads/list-leads';
import { moveLead } from '$domain/leads/move-lead';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

/** The pipeline board, or one stage as a paginated list (?stage=new&page=2). */
export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const input = Object.fromEntries(url.searchParams);
	if (input.stage) return { board: null, list: await loadOrError(() => listLeads({ ...scope, input })) };
	return { board: await loadOrError(() => leadPipeline(scope)), list: null };
};

export const actions = {
	move: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		const leadId = String(values.leadId ?? '');
		return actionOrFail(
			async () => ({ moved: leadId, ...(await moveLead({ ...scope, leadId, input: values })) }),
			values
		);
	}
};
