import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireStaff } from '#app/people/session.server.ts'
import { requireEventForStaff, updateEventForStaff } from '#app/staff/events-admin.server.ts'
import { EventForm } from '#app/staff/events/event-form.tsx'
import { eventFormDefaults, eventFormSettings, readEventForm } from '#app/staff/events/event-form.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireStaff(request)
	const event = await requireEventForStaff(params.eventId)
	return { eventId: event.id, name: event.name, defaults: eventFormDefaults(event), settings: eventFormSettings(event) }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const event = await requireEventForStaff(params.eventId)
	const form = await readEventForm(request, event)
	if (!form.ok) return form.response
	const saved = await updateEventForStaff(event.id, form.details, staff)
	if (!saved.ok) return form.refuse({ fieldErrors: { [saved.field]: [saved.message] } })
	return redirect(`/staff/events/${event.id}?done=saved`)
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
	{ title: `Edit ${loaded?.name ?? 'event'} — Staff` },
	{ name: 'robots', content: 'noindex' },
]

export default function EditEvent() {
	const { eventId, name, defaults, settings } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto max-w-3xl space-y-6">
			<Link to={`/staff/events/${eventId}`} className="text-brand underline">
				← Back to the report
			</Link>
			<h1 className="text-3xl font-bold">Edit {name}</h1>
			<EventForm defaults={defaults} settings={settings} lastResult={actionData?.result} submitLabel="Save changes" />
		</div>
	)
}
