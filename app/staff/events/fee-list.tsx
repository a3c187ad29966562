import { Link } from '@remix-run/react'
import { StaffTable, StaffTime } from '#app/staff/staff-ui.tsx'
import { formatMoney } from '#app/utils/money.ts'

export type RefundableFee = {
	registrationId: string
	name: string
	email: string
	feeMinor: number
	feeRefundedMinor: number
	currency: string
	feePaidAt: Date | string | null
}

const columns = ['Participant', 'Fee paid', 'Refunded so far', 'Refund']

/** Paid registration fees not yet all refunded, each with the way to its refund page. */
export function FeeList({ eventId, fees, locale }: { eventId: string; fees: RefundableFee[]; locale: string }) {
	return (
		<StaffTable
			label="Registration fees paid"
			minWidth="min-w-[40rem]"
			columns={columns}
			rows={fees}
			rowKey={(f) => f.registrationId}
			empty="No paid fee is waiting: nothing to refund."
		>
			{(f) => (
				<>
					<td className="p-3">
						<span className="font-semibold">{f.name || 'Unnamed participant'}</span>
						<span className="block text-sm break-all text-muted">{f.email}</span>
					</td>
					<td className="p-3">
						{formatMoney(f.feeMinor, f.currency, locale)}
						{f.feePaidAt ? (
							<span className="block text-sm text-muted">
								<StaffTime value={f.feePaidAt} locale={locale} />
							</span>
						) : null}
					</td>
					<td className="p-3">{formatMoney(f.feeRefundedMinor, f.currency, locale)}</td>
					<td className="p-3">
						<Link
							to={`/staff/events/${eventId}/registrations/${f.registrationId}/refund`}
							className="text-brand underline"
						>
							Refund<span className="sr-only"> the fee of {f.name || 'this participant'}</span>
						</Link>
					</td>
				</>
			)}
		</StaffTable>
	)
}
