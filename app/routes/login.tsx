import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	redirect,
	type ActionFunctionArgs,
	type HeadersFunction,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrors, Honeypot, SubmitButton, TextField } from '#app/components/form-fields.tsx'
import { loginSchema } from '#app/people/auth-schema.ts'
import { getSessionPerson } from '#app/people/session.server.ts'
import { defaultAfterSignIn, localPathOrNull, requestSignIn } from '#app/people/sign-in.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { HONEYPOT_FIELD } from '#app/utils/forms.ts'

function verifyPath(email: string, redirectTo: string | null) {
	return `/login/verify?${new URLSearchParams(redirectTo ? { email, redirectTo } : { email })}`
}

export async function loader({ request }: LoaderFunctionArgs) {
	// Empty when none was asked for: where to go then depends on who signs in.
	const redirectTo = localPathOrNull(new URL(request.url).searchParams.get('redirectTo'))
	// Someone already signed in has nothing to do here.
	const person = await getSessionPerson(request)
	if (person) throw redirect(redirectTo ?? defaultAfterSignIn(person.role))
	return { redirectTo: redirectTo ?? '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: loginSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply() }, { status: 400 })
	}
	const { email, redirectTo: requested } = submission.value
	const redirectTo = localPathOrNull(requested)
	// A filled honeypot is a bot: it sees the usual next step, and no email is sent.
	if (submission.value[HONEYPOT_FIELD]) return redirect(verifyPath(email, redirectTo))
	const sent = await requestSignIn({ email, redirectTo, clientIp: context.clientIp })
	if (sent.status === 'rate-limited') {
		return data(
			{ result: submission.reply({ formErrors: [sent.message] }) },
			{ status: 429, headers: { 'Retry-After': String(sent.retryAfterSeconds) } },
		)
	}
	return redirect(verifyPath(email, redirectTo))
}

// Remix passes only cookies from an action to the page on its own; a
// rate-limited post's Retry-After has to be handed on here.
export const headers: HeadersFunction = ({ actionHeaders }) => {
	const headers = new Headers()
	const retryAfter = actionHeaders.get('Retry-After')
	if (retryAfter) headers.set('Retry-After', retryAfter)
	return headers
}

export const meta: MetaFunction = () => [
	{ title: 'Sign in or sign up' },
	{
		name: 'description',
		content: 'Sign in or create your fundraising account with just your email address. No password needed.',
	},
]

export default function Login() {
	const { redirectTo } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'login',
		lastResult: actionData?.result,
		constraint: getZodConstraint(loginSchema),
		defaultValue: { redirectTo },
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
	})
	return (
		<div className="bg-sand">
			<div className="mx-auto grid max-w-5xl gap-10 px-4 py-12 md:grid-cols-5">
				<div className="md:col-span-2">
					<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Your fundraising account</p>
					<h1 className="mt-2 text-3xl font-bold sm:text-4xl">Sign in or sign up</h1>
					<p className="mt-4 text-lg text-muted">
						Enter your email address and we'll email you a link and a 6-digit code. No password needed.
					</p>
					<ul className="mt-6 space-y-2 text-muted">
						<li>✓ New here? This creates your account</li>
						<li>✓ Click the link or type the code</li>
						<li>✓ Each works once, for 10 minutes</li>
					</ul>
				</div>
				<Form
					method="post"
					{...getFormProps(form)}
					className="space-y-5 self-start rounded-xl bg-white p-6 shadow-sm md:col-span-3"
				>
					<FormErrors id={form.errorId} errors={form.errors} />
					<TextField field={fields.email} label="Email address" type="email" autoComplete="email" />
					<input {...getInputProps(fields.redirectTo, { type: 'hidden' })} key={fields.redirectTo.key} />
					<Honeypot />
					<SubmitButton pending={navigation.state === 'submitting'}>Email me a sign-in code</SubmitButton>
					<p className="text-sm text-muted">
						We use your email address only to sign you in and to tell you about your fundraising.
					</p>
				</Form>
			</div>
		</div>
	)
}
