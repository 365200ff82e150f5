// Portal pages are server-rendered forms and links: no client-side JavaScript
// unless a page opts in (live message threads, the signature pad).
export const csr = false;
