import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ActionNotice } from '#app/components/action-notice.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { eventPath, eventWhen } from '#app/events/kinds.ts'
import { requireStaff } from '#app/people/session.server.ts'
import { eventReport, refundableFees } from '#app/staff/event-report.server.ts'
import { changeEventState, requireEventForStaff, setEventFeatured } from '#app/staff/events-admin.server.ts'
import { eventStateActionNames } from '#app/staff/events/event-state-actions.ts'
import { FeeList } from '#app/staff/events/fee-list.tsx'
import { ReportFigures } from '#app/staff/events/report-figures.tsx'
import { StateActions } from '#app/staff/events/state-actions.tsx'
import { ZeroList } from '#app/staff/events/zero-list.tsx'
import { TrendChart } from '#app/staff/trend-chart.tsx'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { ownEntry } from '#app/utils/lookup.ts'
import { eventStateLabels } from '#app/utils/status-labels.ts'

const doneMessages: Record<string, string> = {
	created: 'The event is saved as a draft. Open registration when it is ready to be seen.',
	saved: 'Your changes are saved.',
	open: 'Registration is open: the event page is public.',
	close: 'Registration is closed. Pages still take gifts.',
	end: 'The event has ended. Pages take gifts for the days you set.',
	feature: 'The event is featured on the home page.',
	unfeature: 'The event is no longer featured.',
	message: 'Your message is queued for the participants.',
}

const actionSchema = z.strictObject({
	intent: z.enum([...eventStateActionNames, 'feature', 'unfeature'], { error: 'Unknown action.' }),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireStaff(request)
	const event = await requireEventForStaff(params.eventId)
	const [report, fees] = await Promise.all([eventReport(event), refundableFees(event.id)])
	return {
		event: {
			id: event.id,
			slug: event.slug,
			name: event.name,
			state: event.state,
			featured: event.featured,
			startsAt: event.startsAt.toISOString(),
			timeZone: event.timeZone,
			place: event.place,
		},
		figures: { ...report, currency: event.currency, goalMinor: event.goalMinor, capacity: event.capacity },
		fees,
		hasFee: event.registrationFeeMinor != null || fees.length > 0,
		done: ownEntry(doneMessages, new URL(request.url).searchParams.get('done')) ?? null,
		locale: getCharity().locale,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const event = await requireEventForStaff(params.eventId)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: actionSchema })
	if (submission.status !== 'success')
		return data({ intent: formValue(formData, 'intent'), error: 'Unknown action.' }, { status: 400 })
	const intent = submission.value.intent
	const outcome =
		intent === 'feature' || intent === 'unfeature'
			? await setEventFeatured(event.id, intent === 'feature', staff)
			: await changeEventState(event.id, intent, staff)
	if (!outcome.ok) return data({ intent, error: outcome.error }, { status: 400 })
	return redirect(`/staff/events/${event.id}?done=${intent}`)
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
	{ title: `${loaded?.event.name ?? 'Event'} — Staff` },
	{ name: 'robots', content: 'noindex' },
]

export default function StaffEventReport() {
	const { event, figures, fees, hasFee, done, locale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-8">
			<header className="space-y-2">
				<Link to="/staff/events" className="text-brand underline">
					← All events
				</Link>
				<h1 className="text-3xl font-bold">{event.name}</h1>
				<p className="text-muted">
					{eventStateLabels[event.state]}
					{event.featured ? ' · Featured' : ''} · {eventWhen(event, locale)} · {event.place}
				</p>
				{event.state !== 'draft' ? (
					<p>
						<Link to={eventPath(event.slug)} className="text-brand underline">
							See the public page
						</Link>
					</p>
				) : null}
			</header>
			{done ? <ActionNotice>{done}</ActionNotice> : null}
			{actionData?.error ? <ActionNotice tone="bad">{actionData.error}</ActionNotice> : null}
			<StateActions eventId={event.id} state={event.state} featured={event.featured} />
			<section aria-labelledby="figures-heading" className="space-y-3">
				<h2 id="figures-heading" className="text-2xl font-bold">
					Figures
				</h2>
				<ReportFigures figures={figures} locale={locale} />
			</section>
			<section aria-labelledby="trend-heading" className="space-y-3">
				<h2 id="trend-heading" className="text-2xl font-bold">
					The last 30 days
				</h2>
				<TrendChart days={figures.trend} currency={figures.currency} locale={locale} />
			</section>
			<section aria-labelledby="zero-heading" className="space-y-3">
				<h2 id="zero-heading" className="text-2xl font-bold">
					Still at zero
				</h2>
				<p className="text-muted">
					Participants whose page has no gift yet, longest waiting first; “last emailed” is the last email we sent them.
				</p>
				<ZeroList participants={figures.zero} locale={locale} />
			</section>
			{hasFee ? (
				<section aria-labelledby="fees-heading" className="space-y-3">
					<h2 id="fees-heading" className="text-2xl font-bold">
						Registration fees
					</h2>
					<p className="text-muted">
						Paid fees not yet refunded in full, newest first (the participants CSV lists every registration).
					</p>
					<FeeList eventId={event.id} fees={fees} locale={locale} />
				</section>
			) : null}
		</div>
	)
}
