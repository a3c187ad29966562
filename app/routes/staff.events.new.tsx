import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireStaff } from '#app/people/session.server.ts'
import { createEventForStaff } from '#app/staff/events-admin.server.ts'
import { EventForm } from '#app/staff/events/event-form.tsx'
import { eventFormDefaults, eventFormSettings, readEventForm } from '#app/staff/events/event-form.server.ts'
import { STALE_FORM_MESSAGE, newFormToken, readFormToken } from '#app/utils/form-token.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	await requireStaff(request)
	return { defaults: eventFormDefaults(null), settings: eventFormSettings(null), formToken: newFormToken() }
}

export async function action({ request }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const form = await readEventForm(request, null)
	if (!form.ok) return form.response
	const created = await createEventForStaff(form.details, staff, readFormToken(form.formData))
	// Creating an event refuses nothing once the form is valid: only a stale token stops it.
	if (created.status === 'stale' || created.status === 'refused')
		return form.refuse({ formErrors: [STALE_FORM_MESSAGE] })
	return redirect(`/staff/events/${created.id}?done=created`)
}

export const meta: MetaFunction = () => [{ title: 'New event — Staff' }, { name: 'robots', content: 'noindex' }]

export default function NewEvent() {
	const { defaults, settings, formToken } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto max-w-3xl space-y-6">
			<Link to="/staff/events" className="text-brand underline">
				← All events
			</Link>
			<h1 className="text-3xl font-bold">Create an event</h1>
			<p className="text-muted">It starts as a draft: nobody sees it until you open registration on its report page.</p>
			<EventForm
				defaults={defaults}
				settings={settings}
				lastResult={actionData?.result}
				formToken={formToken}
				submitLabel="Create the event"
			/>
		</div>
	)
}
