// The overview tab; the layout loads the project (scoped to the signed-in client).
export const load = () => ({});
