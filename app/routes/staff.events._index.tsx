import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getCharity } from '#app/config/charity.server.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { listEventsForStaff } from '#app/staff/events-admin.server.ts'
import { EventTable } from '#app/staff/events/event-table.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	const events = await listEventsForStaff()
	return {
		events: events.map((event) => ({ ...event, startsAt: event.startsAt.toISOString() })),
		locale: getCharity().locale,
	}
}

export const meta: MetaFunction = () => [{ title: 'Events — Staff' }, { name: 'robots', content: 'noindex' }]

export default function StaffEvents() {
	const { events, locale } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<header className="flex flex-wrap items-end justify-between gap-4">
				<div>
					<h1 className="text-3xl font-bold">Events</h1>
					<p className="mt-2 max-w-3xl text-muted">
						Polar dips, runs and walks: many participants, teams and one total. Totals come from the money record.
					</p>
				</div>
				<Link to="/staff/events/new" className="btn-primary px-4 py-2.5">
					Create an event
				</Link>
			</header>
			<EventTable events={events} locale={locale} />
		</div>
	)
}
