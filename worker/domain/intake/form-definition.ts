import { z } from 'zod';
import { INTAKE_FIELD_TYPES, type IntakeField, type IntakeFieldType } from '../../../db/schema';
import { randomToken } from '../../services/crypto';
import { checkbox } from '../form-fields';

export type { IntakeField };

export const MAX_FIELDS = 30;
export const MAX_OPTIONS = 30;

export const FIELD_TYPE_LABELS: Record<IntakeFieldType, string> = {
	short_text: 'Short text',
	long_text: 'Long text',
	email: 'Email',
	phone: 'Phone',
	select: 'Choice (select)',
	checkbox: 'Checkbox',
	date: 'Date'
};

/**
 * Every form starts with the visitor's name and email (a lead needs both to be
 * converted into a client contact); staff add their own fields after them.
 */
export const BUILT_IN_FIELDS: IntakeField[] = [
	{ id: 'name', label: 'Your name', type: 'short_text', required: true },
	{ id: 'email', label: 'Email', type: 'email', required: true }
];

export function newFieldId(): string {
	return `f_${randomToken(6)
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '')
		.slice(0, 6)
		.padEnd(6, '0')}`;
}

const optionsSchema = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => {
		const list = v === undefined ? [] : Array.isArray(v) ? v : v.split(/\r?\n/);
		return [...new Set(list.map((o) => o.trim()).filter(Boolean))];
	})
	.pipe(
		z
			.array(z.string().max(100, 'Keep each option under 100 characters.'))
			.max(MAX_OPTIONS, `Use at most ${MAX_OPTIONS} options.`)
	);

export const fieldSchema = z
	.object({
		id: z.string().regex(/^f_[a-z0-9]{4,20}$/, 'Field ids look like f_abc123.'),
		label: z
			.string({ error: 'Give the field a label.' })
			.trim()
			.min(1, 'Give the field a label.')
			.max(120, 'Keep the label under 120 characters.'),
		type: z.enum(INTAKE_FIELD_TYPES, { error: 'Choose a field type.' }),
		required: checkbox(),
		options: optionsSchema
	})
	.superRefine((field, ctx) => {
		if (field.type === 'select' && field.options.length < 2)
			ctx.addIssue({
				code: 'custom',
				path: ['options'],
				message: 'A choice needs at least two options, one per line.'
			});
	})
	.transform((field): IntakeField => ({
		id: field.id,
		label: field.label,
		type: field.type,
		required: field.required,
		...(field.type === 'select' ? { options: field.options } : {})
	}));

export const formSlugSchema = z
	.string({ error: 'Choose the link of the form.' })
	.trim()
	.min(3, 'Use at least 3 characters.')
	.max(60, 'Use at most 60 characters.')
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens (no spaces).');

export const formDefinitionSchema = z
	.object({
		name: z
			.string({ error: 'Give the form a name.' })
			.trim()
			.min(1, 'Give the form a name.')
			.max(80, 'Use at most 80 characters.'),
		slug: formSlugSchema,
		description: z
			.string()
			.trim()
			.max(1000, 'Keep the description under 1,000 characters.')
			.optional()
			.transform((v) => v || null),
		fields: z.array(fieldSchema).max(MAX_FIELDS, `A form can have at most ${MAX_FIELDS} fields.`).default([])
	})
	.superRefine((form, ctx) => {
		const seen = new Set<string>();
		form.fields.forEach((f, i) => {
			if (seen.has(f.id))
				ctx.addIssue({ code: 'custom', path: ['fields', i, 'id'], message: 'Two fields have the same id.' });
			seen.add(f.id);
		});
	});
export type FormDefinition = z.output<typeof formDefinitionSchema>;

/**
 * The no-JavaScript form builder posts its fields as flat keys
 * (`fields.0.label`, `fields.0.type`...) plus the button that was pressed
 * (`intent` = save | add | up:<i> | down:<i> | remove:<i>). This turns that
 * into the JSON shape the API takes, with the button's change applied, so
 * every button also keeps what was typed in the other fields.
 */
export function formDefinitionFromBuilder(values: Record<string, string | string[]>): {
	definition: Record<string, unknown>;
	intent: string;
} {
	const one = (key: string) => {
		const v = values[key];
		return Array.isArray(v) ? v[0] : v;
	};
	const indexes = [
		...new Set(
			Object.keys(values)
				.map((k) => /^fields\.(\d+)\./.exec(k)?.[1])
				.filter((v): v is string => v !== undefined)
		)
	]
		.map(Number)
		.sort((a, b) => a - b);
	let fields: Record<string, unknown>[] = indexes.map((i) => ({
		id: one(`fields.${i}.id`),
		label: one(`fields.${i}.label`) ?? '',
		type: one(`fields.${i}.type`),
		required: one(`fields.${i}.required`),
		options: one(`fields.${i}.options`) ?? ''
	}));
	const intent = one('intent') ?? 'save';
	const [op, arg] = intent.split(':');
	const at = Number(arg);
	if (op === 'add') {
		const type = one('newType');
		fields.push({
			id: newFieldId(),
			label: one('newLabel') ?? '',
			type: INTAKE_FIELD_TYPES.includes(type as IntakeFieldType) ? type : 'short_text',
			required: one('newRequired'),
			options: one('newOptions') ?? ''
		});
	} else if (op === 'remove' && fields[at]) {
		fields = fields.filter((_, i) => i !== at);
	} else if ((op === 'up' || op === 'down') && fields[at]) {
		const to = op === 'up' ? at - 1 : at + 1;
		if (fields[to]) [fields[at], fields[to]] = [fields[to], fields[at]];
	}
	return {
		definition: { name: one('name') ?? '', slug: one('slug') ?? '', description: one('description') ?? '', fields },
		intent: op
	};
}
