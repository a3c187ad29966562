/**
 * One check for ids that came from a request (a path segment, a form field, a
 * signed token) before they reach a `uuid` column: PostgreSQL refuses a
 * malformed uuid with an error, which would answer 500 instead of 404. Only
 * the canonical 8-4-4-4-12 hex form passes, so 36 dashes do not.
 */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID_PATTERN.test(value)
}
