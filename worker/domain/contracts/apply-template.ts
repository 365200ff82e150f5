type Template = { id: string; name: string; bodyMd: string };
type Quote = { id: string; title: string };

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The title a new contract is offered: from its template and accepted quote, if any. */
export function suggestedContractTitle(template: Template | undefined, quote: Quote | undefined): string {
	if (template && quote) return `${template.name}: ${quote.title}`;
	return template?.name ?? (quote ? `Agreement: ${quote.title}` : '');
}

const sameText = (a: string, b: string) => a.replace(/\r\n?/g, '\n').trim() === b.replace(/\r\n?/g, '\n').trim();

/**
 * "Use template" on the new-contract form, which posts everything typed so far:
 * the template's text goes into the body and every other field is kept. The title
 * is only replaced while it is empty or still the title suggested for the template
 * applied before, so a title someone typed survives; the same for the body, so
 * contract text written by hand is never thrown away (the field says why).
 */
export function applyContractTemplate(opts: {
	values: Record<string, unknown>;
	templates: Template[];
	quotes: Quote[];
}): { values: Record<string, string | string[]>; errors?: Record<string, string> } {
	const values: Record<string, string | string[]> = {};
	for (const [key, value] of Object.entries(opts.values)) {
		if (
			key !== 'intent' &&
			(typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')))
		)
			values[key] = value;
	}
	const template = opts.templates.find((t) => t.id === opts.values.templateId);
	if (!template)
		return { values: { ...values, templateId: '' }, errors: { templateId: 'Choose a template to start from.' } };
	const quote = opts.quotes.find((q) => q.id === opts.values.quoteId);
	const previous = opts.templates.find((t) => t.id === text(opts.values.appliedTemplateId));
	const title = text(values.title).trim();
	const body = text(values.bodyMd);
	const titleIsSuggestion =
		!title || title === suggestedContractTitle(previous, quote) || title === suggestedContractTitle(undefined, quote);
	const bodyIsTemplate = !body.trim() || (previous !== undefined && sameText(body, previous.bodyMd));
	const next = {
		...values,
		appliedTemplateId: template.id,
		title: titleIsSuggestion ? suggestedContractTitle(template, quote) : values.title
	};
	if (!bodyIsTemplate) {
		return {
			values: { ...next, appliedTemplateId: previous?.id ?? '' },
			errors: {
				bodyMd: `Your contract text is kept. To start from "${template.name}" instead, clear the text and choose Use template again.`
			}
		};
	}
	return { values: { ...next, bodyMd: template.bodyMd } };
}
