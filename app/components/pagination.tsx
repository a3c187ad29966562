import { Link } from '@remix-run/react'

/**
 * "← Newer · Page 2 of 5 · Older →" under a list that is newest first. Plain
 * links, so it works without JavaScript; nothing shows for a single page.
 */
export function Pagination({
	label,
	page,
	pageCount,
	hrefFor,
	className = '',
}: {
	/** What is paged, for screen readers ("Campaign pages"). */
	label: string
	page: number
	pageCount: number
	/** The address of another page of the same list (keeping its filters). */
	hrefFor: (page: number) => string
	className?: string
}) {
	if (pageCount <= 1) return null
	return (
		<nav aria-label={label} className={`flex items-center justify-between gap-4 ${className}`}>
			{page > 1 ? (
				<Link to={hrefFor(page - 1)} className="btn-secondary px-4 py-2">
					← Newer
				</Link>
			) : (
				<span />
			)}
			<span className="text-sm text-muted">
				Page {page} of {pageCount}
			</span>
			{page < pageCount ? (
				<Link to={hrefFor(page + 1)} className="btn-secondary px-4 py-2">
					Older →
				</Link>
			) : (
				<span />
			)}
		</nav>
	)
}
