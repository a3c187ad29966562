import { type ActionFunctionArgs } from '@remix-run/node'
import { handleStripeWebhook } from '#app/donations/webhooks.server.ts'
import { readSignedWebhookBody } from '#app/utils/webhook-body.server.ts'

// A resource route: plain Responses, so the status reaches Stripe as set.
export function loader() {
	return Response.json({ error: 'Stripe sends POST requests here.' }, { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request }: ActionFunctionArgs) {
	if (request.method !== 'POST')
		return Response.json({ error: 'Method not allowed' }, { status: 405, headers: { Allow: 'POST' } })
	// The signature covers the exact bytes Stripe sent: read them untouched, and no more than a webhook needs.
	const body = await readSignedWebhookBody(request, 'stripe-signature')
	if (!body.ok) return body.response
	const result = await handleStripeWebhook(body.rawBody, body.signature)
	return Response.json(result.body, { status: result.status })
}
