import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { detailsDefaults, loadCampaignForEditing, submitCampaignDetails } from '#app/campaigns/details-action.server.ts'
import { CampaignDetailsForm } from '#app/campaigns/details-form.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { campaign } = await loadCampaignForEditing(request, params)
	return { defaults: detailsDefaults(campaign), campaignId: campaign.id }
}

export const action = ({ request, params }: ActionFunctionArgs) =>
	submitCampaignDetails(request, params, (id) => `/dashboard/${id}?done=saved`)

export const meta: MetaFunction = () => [{ title: 'Edit fundraiser' }]

export default function EditCampaign() {
	const { defaults, campaignId } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="bg-sand">
			<div className="mx-auto max-w-3xl px-4 py-10">
				<Link to={`/dashboard/${campaignId}`} className="text-brand underline">
					← Back to manage
				</Link>
				<h1 className="mt-3 text-3xl font-bold">Edit your fundraiser</h1>
				<div className="mt-6">
					<CampaignDetailsForm defaults={defaults} lastResult={actionData?.result} submitLabel="Save changes" />
				</div>
			</div>
		</div>
	)
}
