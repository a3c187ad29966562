import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrors, SubmitButton } from '#app/components/form-fields.tsx'
import { confirmTipsConsent, readTipsConfirmationToken } from '#app/people/signups.server.ts'

const INVALID =
	'This link is not valid. It may have been copied only in part — please use the link in your welcome email.'

function tokenOf(request: Request) {
	return new URL(request.url).searchParams.get('t') ?? ''
}

// Opening the link only shows a button: mail scanners fetch every link in an
// email, and consent must come from the person pressing it.
export function loader({ request }: LoaderFunctionArgs) {
	const token = tokenOf(request)
	if (!readTipsConfirmationToken(token)) return data({ token, error: INVALID }, { status: 400 })
	return { token, error: null }
}

export async function action({ request }: ActionFunctionArgs) {
	const result = await confirmTipsConsent(tokenOf(request))
	if (result.status !== 'confirmed') return data({ done: false as const, error: result.message }, { status: 400 })
	return { done: true as const, firstName: result.firstName }
}

export const meta: MetaFunction = () => [
	{ title: 'Fundraising tips by email' },
	// The token is in this page's address; keep it out of search engines.
	{ name: 'robots', content: 'noindex' },
]

export default function ConfirmTips() {
	const { token, error: linkError } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const error = actionData && !actionData.done ? actionData.error : linkError
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-xl px-4 py-12">
				<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Your emails</p>
				<h1 className="mt-2 text-3xl font-bold sm:text-4xl">Fundraising tips by email</h1>
				{actionData?.done ? (
					<div role="status" className="mt-8 space-y-4 rounded-xl bg-white p-6 shadow-sm">
						<p className="text-lg">
							Thank you{actionData.firstName ? `, ${actionData.firstName}` : ''}! We’ll send you fundraising tips and
							news by email. Every email has a link to stop them.
						</p>
						<Link to="/guide/25-tips" className="btn-primary w-full sm:w-auto">
							Read the 25 tips
						</Link>
					</div>
				) : error ? (
					<div className="mt-8 space-y-5 rounded-xl bg-white p-6 shadow-sm">
						<FormErrors errors={[error]} />
						<Link to="/fundraise" className="btn-secondary w-full sm:w-auto">
							Sign up again
						</Link>
					</div>
				) : (
					<Form
						method="post"
						action={`/fundraise/confirm-tips?t=${encodeURIComponent(token)}`}
						className="mt-8 space-y-5 rounded-xl bg-white p-6 shadow-sm"
					>
						<p className="text-lg text-muted">
							You asked for fundraising tips and news when you signed up. Press the button to confirm it was you; until
							then we send nothing more than the guide.
						</p>
						<SubmitButton pending={navigation.state === 'submitting'}>Yes, send me fundraising tips</SubmitButton>
					</Form>
				)}
			</div>
		</div>
	)
}
