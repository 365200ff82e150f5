import { redirect, type RequestEvent } from '@sveltejs/kit';
import { withAnotherLine } from '$domain/line-item-rows';
import { actionOrFail, formObject, staffScope } from './kit';

type Save = (opts: {
	scope: ReturnType<typeof staffScope>;
	values: Record<string, string | string[]>;
	params: Record<string, string>;
}) => Promise<string>;

/**
 * The action of a staff form with the line-item editor (quotes, invoices, recurring invoices):
 * "Add a line" without JavaScript shows the form again with one more row, saving nothing;
 * otherwise `save` runs the use case and returns the page to go to. Errors come back next to
 * the fields with what was typed.
 */
export function lineItemsAction(save: Save) {
	return async ({ locals, url, request, params }: RequestEvent) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		if (values.intent === 'addLine') return { values: withAnotherLine(values) };
		return actionOrFail(
			async () => redirect(303, await save({ scope, values, params: params as Record<string, string> })),
			values
		);
	};
}
