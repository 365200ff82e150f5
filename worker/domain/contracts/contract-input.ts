import { z } from 'zod';
import { flagInput } from './flag-input';

const optionalId = z
	.string()
	.trim()
	.max(64)
	.optional()
	.transform((v) => v || undefined);

/** Title and Markdown body as staff type them; line endings are normalised so the hash is stable. */
export const contractTextSchema = z.object({
	title: z
		.string({ error: 'Give the contract a title.' })
		.trim()
		.min(1, 'Give the contract a title.')
		.max(200, 'Keep the title under 200 characters.'),
	bodyMd: z
		.string({ error: 'Write the contract text.' })
		.transform((v) => v.replace(/\r\n?/g, '\n').replace(/\s+$/, ''))
		.pipe(
			z
				.string()
				.min(1, 'Write the contract text.')
				.max(100_000, 'The contract text is too long (100,000 characters at most).')
		)
});

/** "We countersign this contract": left out, a new contract takes the workspace's default and an edit keeps its value. */
const countersignField = flagInput('Choose whether you countersign this contract.');

export const contractEditSchema = contractTextSchema.extend({ requireCountersignature: countersignField });

export const contractCreateSchema = contractTextSchema.extend({
	requireCountersignature: countersignField,
	clientId: z.string({ error: 'Choose a client.' }).trim().min(1, 'Choose a client.'),
	projectId: optionalId,
	quoteId: optionalId,
	templateId: optionalId
});

export const templateSchema = z.object({
	name: z
		.string({ error: 'Name the template.' })
		.trim()
		.min(1, 'Name the template.')
		.max(120, 'Keep the name under 120 characters.'),
	bodyMd: z
		.string({ error: 'Write the template text.' })
		.transform((v) => v.replace(/\r\n?/g, '\n').replace(/\s+$/, ''))
		.pipe(
			z
				.string()
				.min(1, 'Write the template text.')
				.max(100_000, 'The template is too long (100,000 characters at most).')
		)
});

/** Template placeholders filled in when a contract is created: {{client_name}}, {{workspace_name}}, {{date}}. */
export function fillTemplate(
	body: string,
	values: { clientName: string; workspaceName: string; date: string }
): string {
	return body.replace(/\{\{\s*(client_name|workspace_name|date)\s*\}\}/g, (_, key: string) =>
		key === 'client_name' ? values.clientName : key === 'workspace_name' ? values.workspaceName : values.date
	);
}
