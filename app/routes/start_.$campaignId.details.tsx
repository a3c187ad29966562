import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { detailsDefaults, loadCampaignForEditing, submitCampaignDetails } from '#app/campaigns/details-action.server.ts'
import { CampaignDetailsForm } from '#app/campaigns/details-form.tsx'
import { WizardSteps } from '#app/campaigns/wizard-steps.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { campaign } = await loadCampaignForEditing(request, params)
	return { defaults: detailsDefaults(campaign), status: campaign.status, campaignId: campaign.id }
}

export const action = ({ request, params }: ActionFunctionArgs) =>
	submitCampaignDetails(request, params, (id) => `/start/${id}/review`)

export const meta: MetaFunction = () => [{ title: 'Tell your story — start a fundraiser' }]

export default function CampaignDetailsStep() {
	const { defaults, status, campaignId } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-3xl px-4 py-10">
				<WizardSteps current={2} />
				<h1 className="mt-6 text-3xl font-bold">Tell your story</h1>
				<p className="mt-2 text-muted">
					We've started your page with words you can make your own. Your draft is saved each time you continue; only you
					can see it until you publish.
				</p>
				{status !== 'draft' ? (
					<p className="mt-4 rounded-md bg-brand-light p-3">
						This fundraiser is already live.{' '}
						<Link to={`/dashboard/${campaignId}`} className="font-semibold text-brand underline">
							Manage it from your dashboard
						</Link>
						.
					</p>
				) : null}
				<div className="mt-6">
					<CampaignDetailsForm defaults={defaults} lastResult={actionData?.result} submitLabel="Save and review" />
				</div>
			</div>
		</div>
	)
}
