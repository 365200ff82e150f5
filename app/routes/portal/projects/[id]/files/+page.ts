// With JavaScript, uploads go file by file to the API with a progress bar each.
// Without it the page is complete: a plain multipart form post.
export const csr = true;
