/**
 * The table's own entry for a key that came from a request (an `intent`, a
 * `?done=`), never an inherited one: `constructor`, `__proto__` and
 * `toString` are keys of every object literal.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string | null | undefined): T | undefined {
	return key != null && Object.hasOwn(table, key) ? table[key] : undefined
}
