import type { BlobStore } from '../../services/storage';
import { AppError } from '../errors';
import { fileError } from './file-types';

/**
 * Streams a body into storage as exactly `size` bytes. R2 needs the length up
 * front (FixedLengthStream); the check in between errors the stream as soon as
 * it runs longer, or when it ends shorter, and then R2 stores nothing.
 */
export async function storeExactly(
	storage: BlobStore,
	key: string,
	body: ReadableStream<Uint8Array>,
	meta: { size: number; contentType: string }
): Promise<void> {
	const checked = exactLength(body, meta.size);
	const fixed = new FixedLengthStream(meta.size);
	const piping = checked.stream.pipeTo(fixed.writable).then(
		() => false,
		() => true
	);
	try {
		await storage.put(key, fixed.readable, meta);
	} catch (cause) {
		if (checked.mismatch() || (await piping))
			throw fileError('bad_request', 'The upload was interrupted or its size did not match. Please try again.');
		throw new AppError(
			'upstream_unavailable',
			'File storage is not available right now. Please try again in a moment.',
			{ cause }
		);
	}
}

function exactLength(source: ReadableStream<Uint8Array>, size: number) {
	const reader = source.getReader();
	let seen = 0;
	let mismatch = false;
	const stream = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { done, value } = await reader.read();
			if (!done) seen += value.byteLength;
			if (seen > size || (done && seen !== size)) {
				mismatch = true;
				controller.error(new Error(`upload length ${seen}${done ? '' : '+'} is not the announced ${size}`));
				await reader.cancel().catch(() => {});
			} else if (done) controller.close();
			else controller.enqueue(value);
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
	return { stream, mismatch: () => mismatch };
}
