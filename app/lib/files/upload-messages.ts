/** What an upload says when it worked, the same with JavaScript (FileUpload.svelte) and without (the ?/upload action). */
export function uploadedMessage(names: string[], opts: { staff: boolean; clientVisible: boolean }): string {
	const one = names.length === 1;
	const what = one ? names[0] : `${names.length} files`;
	const it = one ? 'it' : 'them';
	if (!opts.staff) return `Uploaded ${what}. The team can see ${it} now.`;
	if (opts.clientVisible) return `Uploaded ${what}. The client can see ${it}.`;
	return `Uploaded ${what}. ${one ? 'It stays' : 'They stay'} internal until you share ${it} with the client.`;
}
