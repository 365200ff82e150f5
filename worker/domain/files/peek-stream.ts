/**
 * Reads the first `bytes` of a stream (to check what a file is) and gives back
 * a stream that still yields everything, so the whole upload is never held in
 * memory: the rest flows straight through to storage.
 */
export async function peekStream(
	stream: ReadableStream<Uint8Array>,
	bytes: number
): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
	const reader = stream.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	while (total < bytes) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		total += value.byteLength;
	}
	const buffered = new Uint8Array(total);
	let at = 0;
	for (const chunk of chunks) {
		buffered.set(chunk, at);
		at += chunk.byteLength;
	}
	const rest = new ReadableStream<Uint8Array>({
		start(controller) {
			if (buffered.byteLength) controller.enqueue(buffered);
		},
		async pull(controller) {
			const { done, value } = await reader.read();
			if (done) controller.close();
			else controller.enqueue(value);
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
	return { head: buffered.subarray(0, bytes), stream: rest };
}
