import { Link } from '@remix-run/react'

/**
 * "First page · Next page →" under a keyset list: plain links (no JavaScript
 * needed), each page starting after the last row of the one before.
 */
export function KeysetNav({
	label,
	next,
	onLaterPage,
	hrefFor,
}: {
	/** What is paged, for screen readers. */
	label: string
	/** The cursor of the next page, or null on the last. */
	next: string | null
	/** This is not the first page, so a way back to it is offered. */
	onLaterPage: boolean
	hrefFor: (after: string | null) => string
}) {
	if (!next && !onLaterPage) return null
	return (
		<nav aria-label={label} className="mt-3 flex items-center justify-between gap-4">
			{onLaterPage ? (
				<Link to={hrefFor(null)} className="btn-secondary px-4 py-2">
					← First page
				</Link>
			) : (
				<span />
			)}
			{next ? (
				<Link to={hrefFor(next)} className="btn-secondary px-4 py-2">
					Next page →
				</Link>
			) : null}
		</nav>
	)
}
