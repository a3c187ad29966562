import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import {
	readUnsubscribeToken,
	unsubscribe,
	unsubscribeToken,
	type UnsubscribeScope,
} from '#app/email/preferences.server.ts'

const scopeLabels: Record<UnsubscribeScope, string> = {
	coaching: 'fundraising tips and coaching emails',
	updates: 'updates from fundraisers you gave to',
	news: 'news from the charity',
	all: 'all emails except receipts and sign-in codes',
}

function requireToken(request: Request) {
	const token = new URL(request.url).searchParams.get('t') ?? ''
	const parsed = readUnsubscribeToken(token)
	if (!parsed)
		throw data(
			{ error: 'This unsubscribe link is not valid. Please use the link from a recent email.' },
			{ status: 400 },
		)
	return { token, ...parsed }
}

export function loader({ request }: LoaderFunctionArgs) {
	const { token, email, scope } = requireToken(request)
	return { token, email, scope, label: scopeLabels[scope], preferencesToken: unsubscribeToken(email, 'all') }
}

// Also the RFC 8058 one-click endpoint: mail providers POST
// "List-Unsubscribe=One-Click" here; the signed token is the authority.
export async function action({ request }: ActionFunctionArgs) {
	const { email, scope } = requireToken(request)
	await unsubscribe(email, scope)
	return { done: true }
}

export const meta: MetaFunction = () => [{ title: 'Unsubscribe' }, { name: 'robots', content: 'noindex' }]

export default function Unsubscribe() {
	const { token, email, label, preferencesToken } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-xl px-4 py-14">
				<h1 className="text-3xl font-bold">{actionData?.done ? 'You are unsubscribed' : 'Unsubscribe'}</h1>
				{actionData?.done ? (
					<p role="status" className="mt-4 text-lg">
						We won't send {label} to <strong className="wrap-anywhere">{email}</strong> any more. Receipts and sign-in
						codes still arrive when you need them.
					</p>
				) : (
					<>
						<p className="mt-4 text-lg">
							Stop {label} to <strong className="wrap-anywhere">{email}</strong>?
						</p>
						<Form method="post" action={`/email/unsubscribe?t=${token}`} className="mt-6">
							<button type="submit" className="btn-primary">
								Unsubscribe
							</button>
						</Form>
					</>
				)}
				<p className="mt-8">
					<Link to={`/email/preferences?t=${preferencesToken}`} className="font-semibold text-brand underline">
						Choose which emails you get
					</Link>
				</p>
			</div>
		</div>
	)
}
