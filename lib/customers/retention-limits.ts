/** How many customers "Do anonimizacji" lists (and "all" anonymises) at once. */
export const RETENTION_PAGE = 200;
