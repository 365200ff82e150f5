import { getBranding } from '$domain/branding/get-branding';
import { removeLogo } from '$domain/branding/remove-logo';
import { updateBranding } from '$domain/branding/update-branding';
import { uploadLogo } from '$domain/branding/upload-logo';
import { actionOrFail, AppError, formObject, loadOrError, staffScope } from '$lib/server/kit';

export const load = async ({ locals, url }) => {
	const scope = staffScope(locals, url);
	return { branding: await loadOrError(() => getBranding(scope)) };
};

export const actions = {
	save: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		const values = formObject(await request.formData());
		return actionOrFail(async () => ({ saved: 'branding', ...(await updateBranding({ ...scope, input: values })) }), {
			...values,
			_action: 'save'
		});
	},
	logo: async ({ locals, url, request }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(
			async () => {
				const form = await request.formData().catch(() => {
					throw new AppError(
						'bad_request',
						'The upload could not be read (it was cut off or malformed). Please try again.'
					);
				});
				const file = form.get('logo');
				const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
				return { saved: 'logo', ...(await uploadLogo({ ...scope, input: { bytes } })) };
			},
			{ _action: 'logo' }
		);
	},
	removeLogo: async ({ locals, url }) => {
		const scope = staffScope(locals, url);
		return actionOrFail(async () => ({ saved: 'logo-removed', ...(await removeLogo(scope)) }), {
			_action: 'removeLogo'
		});
	}
};
