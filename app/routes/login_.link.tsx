import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrors, SubmitButton } from '#app/components/form-fields.tsx'
import { signInLinkSchema } from '#app/people/auth-schema.ts'
import { createSessionFor } from '#app/people/session.server.ts'
import { verifySignInLink } from '#app/people/sign-in.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'

// Opening the link only shows a button: mail scanners that fetch every link
// in an email would otherwise use up the single-use token before the person.
export function loader({ request }: LoaderFunctionArgs) {
	return { token: new URL(request.url).searchParams.get('token') ?? '' }
}

export async function action({ request }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: signInLinkSchema })
	if (submission.status !== 'success') {
		return data({ error: 'This sign-in link is incomplete. Please ask for a new one.' }, { status: 400 })
	}
	const result = await verifySignInLink(submission.value.token)
	if (!result.ok) return data({ error: result.message }, { status: 400 })
	return redirect(result.redirectTo, {
		headers: { 'Set-Cookie': await createSessionFor(result.person.id, request) },
	})
}

export const meta: MetaFunction = () => [
	{ title: 'Continue signing in' },
	// The token is in this page's address; keep it out of search engines.
	{ name: 'robots', content: 'noindex' },
]

export default function SignInLink() {
	const { token } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const failed = actionData?.error ?? (token ? null : 'This sign-in link is incomplete. Please ask for a new one.')
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-xl px-4 py-12">
				<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Almost there</p>
				<h1 className="mt-2 text-3xl font-bold sm:text-4xl">Continue signing in</h1>
				{failed ? (
					<div className="mt-8 space-y-5 rounded-xl bg-white p-6 shadow-sm">
						<FormErrors errors={[failed]} />
						<Link to="/login" className="btn-primary w-full sm:w-auto">
							Get a new sign-in email
						</Link>
					</div>
				) : (
					<Form method="post" className="mt-8 space-y-5 rounded-xl bg-white p-6 shadow-sm">
						<p className="text-lg text-muted">Press the button to finish signing in on this device.</p>
						<input type="hidden" name="token" value={token} />
						<SubmitButton pending={navigation.state === 'submitting'}>Continue signing in</SubmitButton>
					</Form>
				)}
			</div>
		</div>
	)
}
