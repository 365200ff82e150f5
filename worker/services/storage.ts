/** The blob store (R2) behind a small interface. */
export interface BlobStore {
	put(
		key: string,
		body: ReadableStream | ArrayBuffer | Uint8Array | string,
		meta: { contentType: string; size?: number }
	): Promise<void>;
	get(key: string): Promise<R2ObjectBody | null>;
	getBytes(key: string): Promise<Uint8Array | null>;
	delete(key: string): Promise<void>;
	/** Keys under a prefix (up to 1000: enough for the few copies a cache keeps per document). */
	listKeys(prefix: string): Promise<string[]>;
}

export function createBlobStore(bucket: R2Bucket): BlobStore {
	return {
		async put(key, body, meta) {
			await bucket.put(key, body, { httpMetadata: { contentType: meta.contentType } });
		},
		get: (key) => bucket.get(key),
		async getBytes(key) {
			const obj = await bucket.get(key);
			return obj ? new Uint8Array(await obj.arrayBuffer()) : null;
		},
		async delete(key) {
			await bucket.delete(key);
		},
		async listKeys(prefix) {
			const listing = await bucket.list({ prefix, limit: 1000 });
			return listing.objects.map((o) => o.key);
		}
	};
}
