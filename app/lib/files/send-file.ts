/** What the API answered to a raw upload: the status and its JSON body (or null). */
export type SendResult = {
	status: number;
	body: { error?: { message?: string; fields?: Record<string, string> } } & Record<string, unknown>;
};

/**
 * Sends one file as the raw body of a POST (the streamed upload routes), with
 * upload progress (0..1), which fetch cannot report. Resolves with the answer,
 * whatever its status; rejects only when the request never completed (offline,
 * aborted), so callers can tell "refused" from "try again".
 */
export function sendFile(
	url: string,
	file: File,
	onProgress: (fraction: number) => void,
	signal?: AbortSignal
): Promise<SendResult> {
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
		xhr.setRequestHeader('accept', 'application/json');
		xhr.responseType = 'text';
		xhr.upload.onprogress = (event) => {
			if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
		};
		xhr.onload = () => {
			let body: SendResult['body'] = {};
			try {
				body = JSON.parse(xhr.responseText || '{}');
			} catch {
				// not JSON: an error page from somewhere in between
			}
			if (xhr.status < 400) onProgress(1);
			resolve({ status: xhr.status, body });
		};
		xhr.onerror = () => reject(new Error('network'));
		xhr.onabort = () => reject(new Error('aborted'));
		signal?.addEventListener('abort', () => xhr.abort());
		xhr.send(file);
	});
}

/** The message to show for a refused upload: the file field's, else the general one. */
export function refusal(result: SendResult, field = 'file'): string {
	return (
		result.body.error?.fields?.[field] ??
		result.body.error?.fields?.file ??
		result.body.error?.message ??
		'The upload failed. Please try again.'
	);
}
