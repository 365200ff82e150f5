import { redirect } from '@sveltejs/kit';
import { applyContractTemplate, suggestedContractTitle } from '$domain/contracts/apply-template';
import { contractFormOptions } from '$domain/contracts/contract-form-options';
import { createContract } from '$domain/contracts/create-contract';
import { actionOrFail, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	const options = await loadOrError(() => contractFormOptions(scope));
	const template = options.templates.find((t) => t.id === url.searchParams.get('template'));
	const quote = options.quotes.find((q) => q.id === url.searchParams.get('quoteId'));
	const initial: Record<string, string | boolean> = {
		requireCountersignature: scope.workspace.requireCountersignature,
		clientId: quote?.clientId ?? url.searchParams.get('clientId') ?? '',
		quoteId: quote?.id ?? '',
		projectId: quote?.projectId ?? url.searchParams.get('projectId') ?? '',
		templateId: template?.id ?? '',
		appliedTemplateId: template?.id ?? '',
		title: suggestedContractTitle(template, quote),
		bodyMd: template?.bodyMd ?? ''
	};
	return { options: { ...options, templates: options.templates.map(({ id, name }) => ({ id, name })) }, initial };
};

export const actions = {
	default: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		// "Use template" posts the whole form, so nothing typed is lost; it re-renders with the template's text.
		if (values.intent === 'template') {
			const options = await loadOrError(() => contractFormOptions(scope));
			return {
				...applyContractTemplate({ values, templates: options.templates, quotes: options.quotes }),
				applied: true
			};
		}
		return actionOrFail(async () => {
			const { id } = await createContract({ ...scope, input: values });
			redirect(303, `/contracts/${id}`);
		}, values);
	}
};
