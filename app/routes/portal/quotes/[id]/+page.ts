// Ticking an optional line updates the total as the client clicks, so this page opts into
// client-side JavaScript. Without it the page still works: "Recalculate" reloads with the choice.
export const csr = true;
