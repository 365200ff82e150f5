import { describe, expect, it } from 'vitest';
import { applyContractTemplate, suggestedContractTitle } from './apply-template';

const templates = [
	{ id: 'tpl_a', name: 'Services agreement', bodyMd: '# Services\n\nFor {{client_name}}.' },
	{ id: 'tpl_b', name: 'NDA', bodyMd: '# Confidentiality\n\nKeep it secret.' }
];
const quotes = [{ id: 'quo_1', title: 'Website build' }];

describe('"Use template" on the new-contract form', () => {
	it('keeps a title typed before choosing the template, and everything else typed', () => {
		const { values, errors } = applyContractTemplate({
			values: {
				clientId: 'cli_1',
				projectId: 'prj_1',
				title: 'Website build agreement',
				bodyMd: '',
				templateId: 'tpl_a',
				intent: 'template'
			},
			templates,
			quotes
		});
		expect(errors).toBeUndefined();
		expect(values).toMatchObject({
			clientId: 'cli_1',
			projectId: 'prj_1',
			title: 'Website build agreement',
			bodyMd: templates[0].bodyMd,
			appliedTemplateId: 'tpl_a'
		});
		expect(values.intent).toBeUndefined();
		// A posted checkbox (hidden "off", then "on") survives too.
		expect(
			applyContractTemplate({
				values: { requireCountersignature: ['off', 'on'], templateId: 'tpl_b' },
				templates,
				quotes
			}).values.requireCountersignature
		).toEqual(['off', 'on']);
	});

	it('fills an empty title, and replaces the title and text the previous template suggested', () => {
		const first = applyContractTemplate({
			values: { title: '  ', bodyMd: '', templateId: 'tpl_a', quoteId: 'quo_1' },
			templates,
			quotes
		}).values;
		expect(first.title).toBe('Services agreement: Website build');
		const second = applyContractTemplate({ values: { ...first, templateId: 'tpl_b' }, templates, quotes }).values;
		expect(second).toMatchObject({
			title: 'NDA: Website build',
			bodyMd: templates[1].bodyMd,
			appliedTemplateId: 'tpl_b'
		});
		expect(suggestedContractTitle(undefined, quotes[0])).toBe('Agreement: Website build');
	});

	it('never throws away contract text written by hand; the field says how to replace it', () => {
		const { values, errors } = applyContractTemplate({
			values: { title: '', bodyMd: 'My own terms.', templateId: 'tpl_b' },
			templates,
			quotes
		});
		expect(values.bodyMd).toBe('My own terms.');
		expect(values.title).toBe('NDA');
		expect(errors?.bodyMd).toMatch(/kept/);
	});

	it('asks for a template when none (or an unknown one) is chosen', () => {
		const { values, errors } = applyContractTemplate({
			values: { title: 'Mine', templateId: 'tpl_gone' },
			templates,
			quotes
		});
		expect(values.title).toBe('Mine');
		expect(errors?.templateId).toBe('Choose a template to start from.');
	});
});
