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
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FieldErrors, FormErrors, SubmitButton } from '#app/components/form-fields.tsx'
import { verifyCodeSchema } from '#app/people/auth-schema.ts'
import { createSessionFor } from '#app/people/session.server.ts'
import { localPathOrNull, verifySignInCode } from '#app/people/sign-in.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { emailAddress } from '#app/utils/forms.ts'

export function loader({ request }: LoaderFunctionArgs) {
	const params = new URL(request.url).searchParams
	const email = emailAddress.safeParse(params.get('email') ?? '')
	if (!email.success) throw redirect('/login')
	return { email: email.data, redirectTo: localPathOrNull(params.get('redirectTo')) }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: verifyCodeSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply(), canRetry: true }, { status: 400 })
	}
	const result = await verifySignInCode({ ...submission.value, clientIp: context.clientIp })
	if (!result.ok) {
		const reply = {
			result: submission.reply({ fieldErrors: { code: [result.message] } }),
			canRetry: result.reason === 'wrong-code',
		}
		if (result.retryAfterSeconds !== undefined) {
			return data(reply, { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } })
		}
		return data(reply, { status: 400 })
	}
	// Where to go was chosen when the code was asked for (or by who signed in), not by this form.
	return redirect(result.redirectTo, {
		headers: { 'Set-Cookie': await createSessionFor(result.person.id, request) },
	})
}

// Remix passes only cookies from an action to the page on its own; a
// paused or rate-limited post's Retry-After has to be handed on here.
export const headers: HeadersFunction = ({ actionHeaders }) => {
	const headers = new Headers()
	const retryAfter = actionHeaders.get('Retry-After')
	if (retryAfter) headers.set('Retry-After', retryAfter)
	return headers
}

export const meta: MetaFunction = () => [{ title: 'Enter your sign-in code' }]

export default function VerifyCode() {
	const { email, redirectTo } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'verify-code',
		lastResult: actionData?.result,
		constraint: getZodConstraint(verifyCodeSchema),
		defaultValue: { email },
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: verifyCodeSchema }),
	})
	const startAgain = redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : '/login'
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-xl px-4 py-12">
				<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Check your email</p>
				<h1 className="mt-2 text-3xl font-bold sm:text-4xl">Enter your sign-in code</h1>
				<p className="mt-4 text-lg text-muted">
					We've sent an email to <strong className="wrap-anywhere text-ink">{email}</strong> with a link and a 6-digit
					code. Click the link, or type the code here. It works for 10 minutes.
				</p>
				<Form method="post" {...getFormProps(form)} className="mt-8 space-y-5 rounded-xl bg-white p-6 shadow-sm">
					<FormErrors id={form.errorId} errors={form.errors} />
					<input {...getInputProps(fields.email, { type: 'hidden' })} key={fields.email.key} />
					<div>
						<label htmlFor={fields.code.id} className="field-label">
							6-digit code
						</label>
						<input
							{...getInputProps(fields.code, { type: 'text' })}
							key={fields.code.key}
							autoComplete="one-time-code"
							inputMode="numeric"
							// Spaces are allowed, so "123 456" pasted from the email still fits.
							maxLength={12}
							spellCheck={false}
							className="field-input max-w-56 text-center font-mono text-2xl tracking-[0.3em]"
						/>
						<FieldErrors id={fields.code.errorId} errors={fields.code.errors} />
					</div>
					<SubmitButton pending={navigation.state === 'submitting'}>Sign in</SubmitButton>
				</Form>
				<div className="mt-6 space-y-2 text-muted">
					<p>No email after a few minutes? Check your spam or junk folder.</p>
					<p>
						{actionData && !actionData.canRetry ? 'Need a new code? ' : 'Wrong address, or need a new code? '}
						<Link to={startAgain} className="font-semibold text-brand underline">
							Start again
						</Link>
						.
					</p>
				</div>
			</div>
		</div>
	)
}
