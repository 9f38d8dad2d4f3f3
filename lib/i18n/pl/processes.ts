export const processes = {};
