import { type ActionFunctionArgs } from '@remix-run/node'
import { handleStripeWebhook } from '#app/donations/webhooks.server.ts'

// A resource route: plain Responses, so the status reaches Stripe as set.
export function loader() {
	return Response.json({ error: 'Stripe sends POST requests here.' }, { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request }: ActionFunctionArgs) {
	if (request.method !== 'POST') return Response.json({ error: 'Method not allowed' }, { status: 405, headers: { Allow: 'POST' } })
	// The signature covers the exact bytes Stripe sent: read them untouched.
	const rawBody = await request.text()
	const result = await handleStripeWebhook(rawBody, request.headers.get('stripe-signature'))
	return Response.json(result.body, { status: result.status })
}
