import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { campaignKinds } from '#app/campaigns/kinds.ts'
import {
	FieldErrors,
	FormErrors,
	FormTokenInput,
	Honeypot,
	SubmitButton,
	TextField,
} from '#app/components/form-fields.tsx'
import { learnMoreSchema } from '#app/people/signup-schema.ts'
import { submitLearnMoreSignup } from '#app/people/signups.server.ts'
import { newFormToken, readFormToken, STALE_FORM_MESSAGE } from '#app/utils/form-token.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { HONEYPOT_FIELD } from '#app/utils/forms.ts'
import { checkSignupRateLimit } from '#app/utils/rate-limit-ip.server.ts'

export const loader = () => ({ formToken: newFormToken() })

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: learnMoreSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply() }, { status: 400 })
	}
	// A filled honeypot is a bot: it sees the same thank-you, and nothing is written.
	if (submission.value[HONEYPOT_FIELD]) return redirect('/fundraise/thanks')
	const limited = await checkSignupRateLimit('learn-more', context.clientIp)
	if (limited) {
		return data(
			{ result: submission.reply({ formErrors: [limited.message] }) },
			{ status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) } },
		)
	}
	const { firstName, lastName, email, idea, emailConsent } = submission.value
	const recorded = await submitLearnMoreSignup(
		{ firstName, lastName, email, idea, emailConsent },
		readFormToken(formData),
	)
	if (recorded.status === 'stale')
		return data({ result: submission.reply({ formErrors: [STALE_FORM_MESSAGE] }) }, { status: 400 })
	return redirect('/fundraise/thanks')
}

export const meta: MetaFunction = () => [
	{ title: 'Learn more about fundraising' },
	{
		name: 'description',
		content: 'Sign up to learn how to start a fundraiser and get our free guide, 25 Tips for the Novice Fundraiser.',
	},
]

export default function LearnMore() {
	const { formToken } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const preselected = campaignKinds.find((k) => k.kind === searchParams.get('idea'))?.kind
	const [form, fields] = useForm({
		id: 'learn-more',
		lastResult: actionData?.result,
		constraint: getZodConstraint(learnMoreSchema),
		defaultValue: { idea: preselected },
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: learnMoreSchema }),
	})
	return (
		<div className="bg-sand">
			<div className="mx-auto grid max-w-5xl gap-10 px-4 py-12 md:grid-cols-5">
				<div className="md:col-span-2">
					<p className="text-sm font-semibold uppercase tracking-wider text-accent-dark">Make an impact</p>
					<h1 className="mt-2 text-3xl font-bold sm:text-4xl">Learn more about fundraising</h1>
					<p className="mt-4 text-lg text-muted">
						Your skills, talents and ideas are a force for change. Tell us a little about yourself and we'll send you
						our free guide, <em>25 Tips for the Novice Fundraiser</em>, with everything you need to get started.
					</p>
					<ul className="mt-6 space-y-2 text-muted">
						<li>✓ No experience needed</li>
						<li>✓ A page of your own in about three minutes</li>
						<li>✓ Friendly help from our supporter team</li>
					</ul>
				</div>
				<Form
					method="post"
					{...getFormProps(form)}
					className="space-y-5 rounded-xl bg-white p-6 shadow-sm md:col-span-3"
				>
					<FormErrors id={form.errorId} errors={form.errors} />
					<div className="grid gap-5 sm:grid-cols-2">
						<TextField field={fields.firstName} label="First name" autoComplete="given-name" />
						<TextField field={fields.lastName} label="Last name" autoComplete="family-name" />
					</div>
					<TextField field={fields.email} label="Email address" type="email" autoComplete="email" />
					<div>
						<label htmlFor={fields.idea.id} className="field-label">
							What would you like to do? <span className="font-normal text-muted">(optional)</span>
						</label>
						<select {...getSelectProps(fields.idea)} key={fields.idea.key} className="field-input">
							<option value="">I'm not sure yet</option>
							{campaignKinds.map((k) => (
								<option key={k.kind} value={k.kind}>
									{k.label}
								</option>
							))}
						</select>
						<FieldErrors id={fields.idea.errorId} errors={fields.idea.errors} />
					</div>
					<div className="flex items-start gap-3">
						<input
							{...getInputProps(fields.emailConsent, { type: 'checkbox' })}
							key={fields.emailConsent.key}
							className="mt-1 h-5 w-5 accent-brand"
						/>
						<label htmlFor={fields.emailConsent.id} className="text-[15px]">
							Yes, I'd like fundraising tips and news by email. You can unsubscribe at any time.
						</label>
					</div>
					<FieldErrors id={fields.emailConsent.errorId} errors={fields.emailConsent.errors} />
					<Honeypot />
					<FormTokenInput token={formToken} />
					<SubmitButton pending={navigation.state === 'submitting'}>Send me the guide</SubmitButton>
					<p className="text-sm text-muted">
						We use your details only to help you fundraise. Already know what you want to do?{' '}
						<Link to="/start" className="text-brand underline">
							Start a fundraiser now
						</Link>
						.
					</p>
				</Form>
			</div>
		</div>
	)
}
