import { campaignPath } from '#app/campaigns/urls.ts'
import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
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
import { z } from 'zod'
import { getPublicCampaign, redirectFromFormerSlug } from '#app/campaigns/campaigns.server.ts'
import {
	FieldErrors,
	FormErrors,
	FormTokenInput,
	Honeypot,
	SubmitButton,
	TextAreaField,
	TextField,
} from '#app/components/form-fields.tsx'
import { reportReasons, submitCampaignReport, type ReportReason } from '#app/staff/moderation.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { newFormToken, readFormToken } from '#app/utils/form-token.server.ts'
import {
	emailAddress,
	FORM_TOKEN_FIELD,
	formText,
	formTokenField,
	HONEYPOT_FIELD,
	honeypotSchema,
} from '#app/utils/forms.ts'

const DETAILS_MIN = 10
const DETAILS_MAX = 2000

// Built from the reasons the loader sends, so the list lives in one place (the domain module).
function reportSchema(reasons: string[]) {
	return z.strictObject({
		reason: formText({ error: 'Please choose a reason' }).refine(
			(value) => reasons.includes(value),
			'Please choose one of the reasons in the list',
		),
		details: formText({ error: 'Please tell us what is wrong' })
			.trim()
			.min(DETAILS_MIN, `Please tell us a little more (at least ${DETAILS_MIN} characters)`)
			.max(DETAILS_MAX, `Please keep it to ${DETAILS_MAX.toLocaleString('en-GB')} characters`),
		email: emailAddress.optional().transform((value) => value ?? null),
		[HONEYPOT_FIELD]: honeypotSchema,
		[FORM_TOKEN_FIELD]: formTokenField,
	})
}

const reasonOptions = Object.entries(reportReasons).map(([value, label]) => ({ value, label }))

/** Only public campaigns can be reported: drafts, hidden and unknown pages are 404. */
async function requireReportableCampaign(slug: string, request?: Request) {
	const campaign = await getPublicCampaign(slug)
	// Only a page view follows a former link; a post to one is refused like any unknown page.
	if (!campaign && request?.method === 'GET') await redirectFromFormerSlug(request, slug)
	if (!campaign) throw data({ error: 'We couldn’t find that fundraiser.' }, { status: 404 })
	return campaign
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const campaign = await requireReportableCampaign(params.slug ?? '', request)
	return {
		formToken: newFormToken(),
		campaign: { title: campaign.title, slug: campaign.slug },
		reasons: reasonOptions,
		sent: new URL(request.url).searchParams.get('sent') === '1',
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	const campaign = await requireReportableCampaign(params.slug ?? '')
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: reportSchema(Object.keys(reportReasons)) })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const thanks = campaignPath(campaign.slug, 'report', { sent: '1' })
	// A bot that fills the hidden field sees the thank-you; nothing is stored or sent.
	if (submission.value[HONEYPOT_FIELD]) return redirect(thanks)
	const submitted = await submitCampaignReport({
		slug: campaign.slug,
		reason: submission.value.reason as ReportReason,
		details: submission.value.details,
		reporterEmail: submission.value.email,
		clientIp: context.clientIp,
		formToken: readFormToken(formData),
	})
	if (submitted.ok) return redirect(thanks)
	if (submitted.reason === 'not-found') throw data({ error: 'We couldn’t find that fundraiser.' }, { status: 404 })
	if (submitted.reason === 'stale')
		return data({ result: submission.reply({ formErrors: [submitted.message] }) }, { status: 400 })
	return data(
		{ result: submission.reply({ formErrors: [submitted.message] }) },
		{ status: 429, headers: { 'Retry-After': String(submitted.retryAfterSeconds) } },
	)
}

// Remix passes only cookies from an action to the page on its own; a
// rate-limited post's Retry-After has to be handed on here.
export const headers: HeadersFunction = ({ actionHeaders }) => {
	const headers = new Headers()
	const retryAfter = actionHeaders.get('Retry-After')
	if (retryAfter) headers.set('Retry-After', retryAfter)
	return headers
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Report: ${data.campaign.title}` : 'Report a fundraiser' },
	{ name: 'robots', content: 'noindex' },
]

export default function ReportCampaign() {
	const { campaign, reasons, sent, formToken } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const schema = reportSchema(reasons.map((r) => r.value))
	const [form, fields] = useForm({
		id: 'report',
		lastResult: actionData?.result,
		constraint: getZodConstraint(schema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-2xl px-4 py-10">
				<Link to={campaignPath(campaign.slug)} className="text-brand underline">
					← Back to the fundraiser
				</Link>
				<h1 className="mt-3 text-2xl font-bold sm:text-3xl">Report this fundraiser</h1>
				<p className="mt-2 text-muted wrap-anywhere">
					Worried about <strong className="text-ink">{campaign.title}</strong>? Tell us what is wrong. Our team reads
					every report, and the fundraiser is not told who sent it.
				</p>
				{sent ? (
					<div role="status" className="mt-6 rounded-xl border border-emerald-300 bg-emerald-50 p-5 text-emerald-950">
						<p className="font-semibold">Thank you — we have your report.</p>
						<p className="mt-1">
							Our team will look into it. If you gave your email address, we may write to you about it.
						</p>
						<Link to={campaignPath(campaign.slug)} className="mt-3 inline-block font-semibold underline">
							Back to the fundraiser
						</Link>
					</div>
				) : (
					<Form method="post" {...getFormProps(form)} className="mt-6 space-y-5 rounded-xl bg-white p-6 shadow-sm">
						<FormErrors id={form.errorId} errors={form.errors} />
						<div>
							<label htmlFor={fields.reason.id} className="field-label">
								What is the problem?
							</label>
							<select {...getSelectProps(fields.reason)} key={fields.reason.key} className="field-input">
								<option value="">Choose a reason</option>
								{reasons.map((reason) => (
									<option key={reason.value} value={reason.value}>
										{reason.label}
									</option>
								))}
							</select>
							<FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
						</div>
						<TextAreaField
							field={fields.details}
							label="What have you seen?"
							hint="Please be as specific as you can: what on the page is wrong, and how you know."
							rows={6}
						/>
						<TextField
							field={fields.email}
							label="Your email address"
							type="email"
							autoComplete="email"
							hint="Only if you would like us to be able to reply. We never show it to the fundraiser."
							optional
						/>
						<Honeypot />
						<FormTokenInput token={formToken} />
						<SubmitButton pending={navigation.state === 'submitting'}>Send report</SubmitButton>
					</Form>
				)}
			</div>
		</div>
	)
}
