// The sign-in form is a plain form: no client-side JavaScript, so nothing
// hydrates over an email typed while the page was still loading.
export const csr = false;
