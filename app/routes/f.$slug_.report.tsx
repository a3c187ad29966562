import { campaignPath } from '#app/campaigns/urls.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import {
	data,
	redirect,
	type ActionFunctionArgs,
	type HeadersFunction,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { getPublicCampaign, redirectFromFormerSlug } from '#app/campaigns/campaigns.server.ts'
import { ReportForm, ReportSent } from '#app/campaigns/page/report-form.tsx'
import { reportSchema } from '#app/campaigns/page/report-schema.ts'
import { reportReasons, submitCampaignReport, type ReportReason } from '#app/staff/moderation.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { newFormToken, readFormToken } from '#app/utils/form-token.server.ts'
import { HONEYPOT_FIELD } from '#app/utils/forms.ts'

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
					<ReportSent slug={campaign.slug} />
				) : (
					<ReportForm reasons={reasons} formToken={formToken} lastResult={actionData?.result} />
				)}
			</div>
		</div>
	)
}
