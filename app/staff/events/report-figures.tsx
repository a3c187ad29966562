import { formatMoney } from '#app/utils/money.ts'

export type ReportFigures = {
	currency: string
	goalMinor: number
	raisedMinor: number
	donorCount: number
	directMinor: number
	teamGiftsMinor: number
	participants: number
	withGift: number
	shareWithGift: number | null
	teams: number
	capacity: number | null
	fees: { paid: number; paidMinor: number; awaiting: number; refunded: number }
}

/** One figure with its label, as a term and its description. */
function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
	return (
		<div className="rounded-xl border border-stone-200 bg-white p-4">
			<dt className="text-sm text-muted">{label}</dt>
			<dd className="mt-1 text-xl font-bold tabular-nums sm:text-2xl">{value}</dd>
			{note ? <dd className="mt-1 text-sm text-muted">{note}</dd> : null}
		</div>
	)
}

/**
 * The event's headline figures. The total is the event's rollup of the
 * money record (participants' pages, team gifts and direct gifts, once each);
 * registration fees are event income, shown apart and never in the total.
 */
export function ReportFigures({ figures: f, locale }: { figures: ReportFigures; locale: string }) {
	const money = (minor: number) => formatMoney(minor, f.currency, locale)
	return (
		<dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
			<Figure
				label="Raised"
				value={money(f.raisedMinor)}
				note={`of ${formatMoney(f.goalMinor, f.currency, locale, { wholeUnits: true })} · ${f.donorCount} ${f.donorCount === 1 ? 'gift' : 'gifts'}`}
			/>
			<Figure label="Direct event gifts" value={money(f.directMinor)} note="Given to the event itself" />
			<Figure label="Team gifts" value={money(f.teamGiftsMinor)} note="Given to a team rather than a member" />
			<Figure
				label="Participants"
				value={String(f.participants)}
				note={`${f.capacity === null ? 'No limit' : `Capacity ${f.capacity}`} · ${f.teams} ${f.teams === 1 ? 'team' : 'teams'}`}
			/>
			<Figure
				label="With at least one gift"
				value={f.shareWithGift === null ? '—' : `${f.shareWithGift}%`}
				note={`${f.withGift} of ${f.participants} participants`}
			/>
			<Figure
				label="Registration fees paid"
				value={money(f.fees.paidMinor)}
				note={`${f.fees.paid} paid · ${f.fees.awaiting} awaiting · ${f.fees.refunded} refunded`}
			/>
		</dl>
	)
}
