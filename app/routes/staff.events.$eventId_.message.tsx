import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireStaff } from '#app/people/session.server.ts'
import { messageParticipants, messageAudienceCounts } from '#app/staff/event-messages.server.ts'
import { requireEventForStaff } from '#app/staff/events-admin.server.ts'
import { MessageForm } from '#app/staff/events/message-form.tsx'
import { eventMessageSchema } from '#app/staff/events/message-schema.ts'
import { STALE_FORM_MESSAGE, newFormToken, readFormToken } from '#app/utils/form-token.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireStaff(request)
	const event = await requireEventForStaff(params.eventId)
	return {
		event: { id: event.id, name: event.name },
		counts: await messageAudienceCounts(event.id),
		formToken: newFormToken(),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const staff = await requireStaff(request)
	const event = await requireEventForStaff(params.eventId)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: eventMessageSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const { audience, subject, body } = submission.value
	const sent = await messageParticipants(event, staff, { audience, subject, body }, readFormToken(formData))
	if (sent.status === 'stale')
		return data({ result: submission.reply({ formErrors: [STALE_FORM_MESSAGE] }) }, { status: 400 })
	return redirect(`/staff/events/${event.id}?done=message`)
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
	{ title: `Message participants of ${loaded?.event.name ?? 'the event'} — Staff` },
	{ name: 'robots', content: 'noindex' },
]

export default function MessageParticipants() {
	const { event, counts, formToken } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="mx-auto max-w-3xl space-y-6">
			<Link to={`/staff/events/${event.id}`} className="text-brand underline">
				← Back to the report
			</Link>
			<h1 className="text-3xl font-bold">Message the participants of {event.name}</h1>
			<p className="text-muted">
				Each participant gets their own email. People who turned off fundraising tips are not sent it.
			</p>
			<MessageForm formToken={formToken} counts={counts} lastResult={actionData?.result} />
		</div>
	)
}
