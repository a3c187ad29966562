import { type ActionFunctionArgs } from '@remix-run/node'
import { handleSendGridWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '#app/email/provider-events.server.ts'

export function loader() {
	return Response.json({ error: 'SendGrid sends POST requests here.' }, { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request }: ActionFunctionArgs) {
	// The signature covers the exact bytes SendGrid sent.
	const rawBody = await request.text()
	const result = await handleSendGridWebhook(rawBody, request.headers.get(SIGNATURE_HEADER), request.headers.get(TIMESTAMP_HEADER))
	return Response.json(result.body, { status: result.status })
}
