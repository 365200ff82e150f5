// The one portal page with client-side JavaScript: live messages over a socket.
// Without JavaScript it is still a complete page with a plain form post.
export const csr = true;
