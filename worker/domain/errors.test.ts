import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../services/errors';
import { AppError, toAppError, viaService } from './errors';

// Services sit below the domain and throw their own error type; the domain translates it.
describe('service errors become AppError in the domain', () => {
	it('viaService turns a ServiceUnavailableError into upstream_unavailable with the same safe message', async () => {
		const failing = () => Promise.reject(new ServiceUnavailableError('Paystack did not answer.'));
		const error = await viaService(failing).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AppError);
		expect(error).toMatchObject({ code: 'upstream_unavailable', status: 503, message: 'Paystack did not answer.' });
	});

	it('viaService passes results and other errors through untouched', async () => {
		expect(await viaService(() => Promise.resolve(7))).toBe(7);
		const other = new TypeError('bug');
		await expect(viaService(() => Promise.reject(other))).rejects.toBe(other);
	});

	it('toAppError maps one that escaped a use case to 503, not to a 500', () => {
		expect(toAppError(new ServiceUnavailableError('No ENCRYPTION_KEY.'))).toMatchObject({
			code: 'upstream_unavailable',
			message: 'No ENCRYPTION_KEY.'
		});
		expect(toAppError(new Error('boom')).code).toBe('internal');
	});
});
