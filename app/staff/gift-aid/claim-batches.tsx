import { Link } from '@remix-run/react'
import type { KeysetPage, listClaims } from '#app/gift-aid/claims.server.ts'
import { KeysetNav } from '#app/staff/gift-aid/keyset-nav.tsx'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'
import { formatMoney } from '#app/utils/money.ts'
import { giftAidClaimStatusLabels } from '#app/utils/status-labels.ts'

type Batch = Awaited<ReturnType<typeof listClaims>>['rows'][number]

/** The batches, newest first, each with its totals, and a totals row for the page. */
export function ClaimBatches({
	page,
	locale,
	pageLink,
	onLaterPage,
}: {
	page: KeysetPage<Batch>
	locale: string
	pageLink: (after: string | null) => string
	onLaterPage: boolean
}) {
	const money = (minor: number) => formatMoney(minor, 'GBP', locale)
	const sum = (pick: (batch: Batch) => number) => page.rows.reduce((total, batch) => total + pick(batch), 0)
	return (
		<section aria-labelledby="batches-heading">
			<h2 id="batches-heading" className="text-2xl font-bold">
				Claim batches
			</h2>
			<StaffTable
				label="Claim batches"
				minWidth="min-w-[44rem]"
				className="mt-3"
				columns={['Batch', 'Status', 'Items', 'Donations', 'Gift Aid', 'Received']}
				rows={page.rows}
				rowKey={(batch) => batch.id}
				empty="No batches yet."
			>
				{(batch) => (
					<>
						<td className="p-3">
							<Link to={`/staff/gift-aid/${batch.id}`} className="text-brand underline">
								Batch of <StaffTime value={batch.createdAt} locale={locale} />
							</Link>
						</td>
						<td className="p-3">{giftAidClaimStatusLabels[batch.status]}</td>
						<td className="p-3 tabular-nums">{batch.itemCount.toLocaleString(locale)}</td>
						<td className="p-3 tabular-nums">{money(batch.donationsMinor)}</td>
						<td className="p-3 tabular-nums">{money(batch.giftAidMinor)}</td>
						<td className="p-3 tabular-nums">{batch.paidMinor === null ? '—' : money(batch.paidMinor)}</td>
					</>
				)}
			</StaffTable>
			{page.rows.length > 1 ? (
				<p className="mt-2 text-sm text-muted" data-testid="batches-total">
					{onLaterPage || page.next ? 'This page: ' : 'All batches: '}
					{money(sum((b) => b.donationsMinor))} given, {money(sum((b) => b.giftAidMinor))} of Gift Aid,{' '}
					{money(sum((b) => b.paidMinor ?? 0))} received.
				</p>
			) : null}
			<KeysetNav label="Claim batch pages" next={page.next} onLaterPage={onLaterPage} hrefFor={pageLink} />
		</section>
	)
}
