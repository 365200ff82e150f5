// A plain form that needs no JavaScript. Hydrating it would also reset an email
// typed before the scripts arrived (slow connections), so it is not hydrated.
export const csr = false;
