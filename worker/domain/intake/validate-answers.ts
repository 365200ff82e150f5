import type { IntakeField } from '../../../db/schema';
import { emailSchema } from '../auth/email-address';

export type Answers = Record<string, { label: string; value: string }>;

const LIMITS = { short_text: 200, long_text: 5000, email: 254, phone: 30, select: 100, checkbox: 5, date: 10 } as const;

function text(raw: unknown): string {
	if (Array.isArray(raw)) raw = raw[0];
	return typeof raw === 'string' ? raw.trim() : typeof raw === 'boolean' ? (raw ? 'on' : '') : '';
}

function validDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Checks a submission against the form's fields: a message per field id for
 * what is wrong, and the cleaned answers (labelled, so a lead still reads right
 * after the form changes).
 */
export function validateAnswers(
	fields: IntakeField[],
	input: Record<string, unknown>
): { answers: Answers; errors: Record<string, string> } {
	const answers: Answers = {};
	const errors: Record<string, string> = {};
	for (const field of fields) {
		let value = text(input[field.id]);
		if (field.type === 'checkbox') {
			const checked = ['on', 'true', 'yes', '1'].includes(value.toLowerCase());
			if (field.required && !checked) errors[field.id] = 'Please tick this box to continue.';
			answers[field.id] = { label: field.label, value: checked ? 'Yes' : 'No' };
			continue;
		}
		if (!value) {
			if (field.required)
				errors[field.id] = field.type === 'select' ? 'Please choose an option.' : 'Please fill in this field.';
			continue;
		}
		if (value.length > LIMITS[field.type]) {
			errors[field.id] = `Please keep this under ${LIMITS[field.type].toLocaleString('en')} characters.`;
			continue;
		}
		if (field.type === 'email') {
			const parsed = emailSchema.safeParse(value);
			if (!parsed.success) {
				errors[field.id] = 'Enter a valid email address, like name@example.com.';
				continue;
			}
			value = parsed.data;
		}
		if (field.type === 'phone' && (!/^[+()\d\s.-]+$/.test(value) || value.replace(/\D/g, '').length < 6)) {
			errors[field.id] = 'Enter a phone number using digits, spaces and + ( ) - only.';
			continue;
		}
		if (field.type === 'select' && !(field.options ?? []).includes(value)) {
			errors[field.id] = 'Please choose one of the options.';
			continue;
		}
		if (field.type === 'date' && !validDate(value)) {
			errors[field.id] = 'Enter a date like 2026-12-31.';
			continue;
		}
		answers[field.id] = { label: field.label, value };
	}
	return { answers, errors };
}
