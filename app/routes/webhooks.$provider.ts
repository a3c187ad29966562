import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { recordProviderEvents } from '#app/email/provider-events.server.ts'
import { emailProviderEvents } from '#app/email/providers/index.server.ts'
import { readSignedWebhookBody } from '#app/utils/webhook-body.server.ts'

/** Each email provider's event webhook, at /webhooks/<its name> (/webhooks/stripe is a route of its own). */
const notFound = () => Response.json({ error: 'Not found' }, { status: 404 })

export function loader({ params }: LoaderFunctionArgs) {
	if (!emailProviderEvents(params.provider)) return notFound()
	return Response.json(
		{ error: 'The email provider sends POST requests here.' },
		{ status: 405, headers: { Allow: 'POST' } },
	)
}

export async function action({ request, params }: ActionFunctionArgs) {
	const webhook = emailProviderEvents(params.provider)
	if (!webhook) return notFound()
	// The signature covers the exact bytes the provider sent, and no batch needs more than the cap.
	const body = await readSignedWebhookBody(request, webhook.signatureHeader)
	if (!body.ok) return body.response
	const result = await recordProviderEvents(webhook, body.rawBody, request.headers)
	return Response.json(result.body, { status: result.status })
}
