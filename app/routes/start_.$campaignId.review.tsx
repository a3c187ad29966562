import { campaignPath, campaignUrl } from '#app/campaigns/urls.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { publishSchema } from '#app/campaigns/campaign-schema.ts'
import { loadCampaignForEditing } from '#app/campaigns/details-action.server.ts'
import { campaignKindLabel } from '#app/campaigns/kinds.ts'
import { publishFromReview } from '#app/campaigns/manage.server.ts'
import { PublishForm } from '#app/campaigns/start/publish-form.tsx'
import { ReviewPreview } from '#app/campaigns/start/review-preview.tsx'
import { renderStory } from '#app/campaigns/story.server.ts'
import { WizardSteps } from '#app/campaigns/wizard-steps.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { formatMoney } from '#app/utils/money.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { campaign, person } = await loadCampaignForEditing(request, params)
	const charity = getCharity()
	return {
		/** Pages name their organiser: someone whose account has no name yet gives it before publishing. */
		needsName: !person.firstName.trim(),
		campaign: {
			id: campaign.id,
			title: campaign.title,
			kindLabel: campaignKindLabel(campaign.kind),
			coverImage: campaign.coverImage,
			coverAlt: campaign.coverAlt ?? '',
			goal: formatMoney(campaign.goalMinor, campaign.currency, charity.locale, { wholeUnits: true }),
			endsOn: campaign.endsOn
				? new Date(`${campaign.endsOn}T12:00:00Z`).toLocaleDateString(charity.locale, {
						day: 'numeric',
						month: 'long',
						year: 'numeric',
					})
				: null,
			storyHtml: renderStory(campaign.story),
			url: campaignUrl(getEnv().APP_URL, campaign.slug),
			slug: campaign.slug,
			status: campaign.status,
		},
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { campaign } = await loadCampaignForEditing(request, params)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: publishSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const published = await publishFromReview(campaign, submission.value)
	if (!published.ok) return data({ result: submission.reply({ fieldErrors: published.fieldErrors }) }, { status: 400 })
	return redirect(campaignPath(published.campaign.slug, undefined, { published: '1' }))
}

export const meta: MetaFunction = () => [{ title: 'Review and publish — start a fundraiser' }]

export default function ReviewStep() {
	const { campaign, needsName } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-3xl px-4 py-10">
				<WizardSteps current={3} />
				<h1 className="mt-6 text-3xl font-bold">Review and publish</h1>
				<p className="mt-2 text-muted">
					This is how your page will look. You can change anything later from your dashboard.
				</p>
				<ReviewPreview campaign={campaign} />
				{campaign.status === 'draft' ? (
					<PublishForm campaignId={campaign.id} needsName={needsName} lastResult={actionData?.result} />
				) : (
					<div className="mt-6 flex flex-col gap-3 sm:flex-row">
						<Link to={campaignPath(campaign.slug)} className="btn-primary">
							View my page
						</Link>
						<Link to={`/start/${campaign.id}/details`} className="btn-secondary">
							Edit details
						</Link>
					</div>
				)}
			</div>
		</div>
	)
}
