import { type ActionFunctionArgs } from '@remix-run/node'
import { handleSendGridWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '#app/email/provider-events.server.ts'
import { readSignedWebhookBody } from '#app/utils/webhook-body.server.ts'

export function loader() {
	return Response.json({ error: 'SendGrid sends POST requests here.' }, { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request }: ActionFunctionArgs) {
	// The signature covers the exact bytes SendGrid sent, and no batch needs more than the cap.
	const body = await readSignedWebhookBody(request, SIGNATURE_HEADER)
	if (!body.ok) return body.response
	const result = await handleSendGridWebhook(body.rawBody, body.signature, request.headers.get(TIMESTAMP_HEADER))
	return Response.json(result.body, { status: result.status })
}
