/** "1 lead" / "2 leads": French uses the singular for 0 and 1. */
export const plural = (n: number, one: string, many: string) => (n <= 1 ? one : many);
