import { Link } from '@remix-run/react'
import { relativeTime } from '#app/utils/time.ts'

type Donor = { id: string; displayName: string; amountMinor: number | null; message: string | null; at: Date }

/** Who gave, newest first, a page of them at a time: plain links to the gifts either side (keyset), so no JavaScript is needed. */
export function DonorWall({
	donors,
	page,
	pageCount,
	pageSize,
	ended,
	money,
	locale,
	now,
}: {
	donors: Donor[]
	page: number
	pageCount: number
	pageSize: number
	ended: boolean
	money: (minor: number) => string
	locale: string
	now: Date
}) {
	return (
		<section aria-labelledby="donors-heading">
			<h2 id="donors-heading" className="text-xl font-bold">
				Donations
			</h2>
			{donors.length === 0 ? (
				<p className="mt-2 text-muted">
					{ended ? 'No donations were made to this fundraiser.' : 'No donations yet. Be the first to give.'}
				</p>
			) : (
				<ul className="mt-3 divide-y divide-stone-200">
					{donors.map((donor) => (
						<li key={donor.id} className="py-3">
							<p className="flex justify-between gap-3">
								<span className="min-w-0 font-semibold wrap-anywhere">{donor.displayName}</span>
								{donor.amountMinor !== null ? (
									<span className="shrink-0 font-semibold text-brand-dark">{money(donor.amountMinor)}</span>
								) : null}
							</p>
							{donor.message ? <p className="mt-0.5 text-[15px] wrap-anywhere">{donor.message}</p> : null}
							<p className="text-sm text-muted">{relativeTime(donor.at, locale, now)}</p>
						</li>
					))}
				</ul>
			)}
			{pageCount > 1 ? (
				<nav aria-label="Donation pages" className="mt-3 flex justify-between text-sm">
					{page > 1 ? (
						<Link
							to={page - 1 > 1 ? `?after=${donors[0]?.id ?? ''}&page=${page - 1}` : '?'}
							className="text-brand underline"
							preventScrollReset
						>
							← Newer
						</Link>
					) : (
						<span />
					)}
					<span className="text-muted">
						Page {page} of {pageCount}
					</span>
					{page < pageCount && donors.length === pageSize ? (
						<Link
							to={`?before=${donors.at(-1)?.id ?? ''}&page=${page + 1}`}
							className="text-brand underline"
							preventScrollReset
						>
							Older →
						</Link>
					) : (
						<span />
					)}
				</nav>
			) : null}
		</section>
	)
}
