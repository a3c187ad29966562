import { Link } from '@remix-run/react'
import { eventWhen } from '#app/events/kinds.ts'
import { StaffTable } from '#app/staff/staff-ui.tsx'
import { formatMoney } from '#app/utils/money.ts'
import { eventStateLabels } from '#app/utils/status-labels.ts'
import { type EventState } from '#db/schema.ts'

export type EventTableRow = {
	id: string
	name: string
	state: EventState
	featured: boolean
	startsAt: string
	timeZone: string
	participantCount: number
	capacity: number | null
	goalMinor: number
	raisedMinor: number
	currency: string
}

const columns = ['Event', 'State', 'Date', 'Participants', 'Raised']

/** The staff list of events: state, date (in the event's zone), participants and the ledger-derived total. */
export function EventTable({ events, locale }: { events: EventTableRow[]; locale: string }) {
	return (
		<StaffTable
			label="Events"
			minWidth="min-w-[48rem]"
			scrollHint
			columns={columns}
			rows={events}
			rowKey={(event) => event.id}
			empty="No events yet. Create the first one."
		>
			{(event) => (
				<>
					<td className="p-3">
						<Link to={`/staff/events/${event.id}`} className="font-semibold text-brand underline">
							{event.name}
						</Link>
						{event.featured ? <span className="ml-2 text-sm text-muted">Featured</span> : null}
					</td>
					<td className="p-3">{eventStateLabels[event.state]}</td>
					<td className="p-3">{eventWhen(event, locale)}</td>
					<td className="p-3 tabular-nums">
						{event.participantCount}
						{event.capacity === null ? '' : ` of ${event.capacity}`}
					</td>
					<td className="p-3 tabular-nums">
						{formatMoney(event.raisedMinor, event.currency, locale)}
						<span className="text-muted">
							{' '}
							of {formatMoney(event.goalMinor, event.currency, locale, { wholeUnits: true })}
						</span>
					</td>
				</>
			)}
		</StaffTable>
	)
}
