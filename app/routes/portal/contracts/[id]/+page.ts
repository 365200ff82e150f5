// The signature pad draws on a canvas, so this page opts into client-side JavaScript.
// Without it, the page still works: the typed signature is a plain form.
export const csr = true;
