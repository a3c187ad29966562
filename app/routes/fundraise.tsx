import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { campaignKinds } from '#app/campaigns/kinds.ts'
import { LearnMoreForm } from '#app/people/fundraise/learn-more-form.tsx'
import { LearnMoreIntro } from '#app/people/fundraise/learn-more-intro.tsx'
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
	const [searchParams] = useSearchParams()
	const preselected = campaignKinds.find((k) => k.kind === searchParams.get('idea'))?.kind
	return (
		<div className="bg-sand">
			<div className="mx-auto grid max-w-5xl gap-10 px-4 py-12 md:grid-cols-5">
				<LearnMoreIntro />
				<LearnMoreForm formToken={formToken} lastResult={actionData?.result} preselected={preselected} />
			</div>
		</div>
	)
}
