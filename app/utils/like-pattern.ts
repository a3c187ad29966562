/** A search box is not a pattern language: %, _ and \ typed by staff mean themselves. Matches anywhere in the text. */
export function likePattern(search: string) {
	return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
