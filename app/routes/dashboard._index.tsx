import { ActionNotice } from '#app/components/action-notice.tsx'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { deleteDraftSchema } from '#app/campaigns/campaign-schema.ts'
import { listCampaignsOwnedBy } from '#app/campaigns/campaigns.server.ts'
import { NoFundraisersYet } from '#app/campaigns/dashboard/no-fundraisers-yet.tsx'
import { OwnedCampaignCard } from '#app/campaigns/dashboard/owned-campaign-card.tsx'
import { deleteDraftCampaign, requireOwnedCampaign } from '#app/campaigns/manage.server.ts'
import { getCharity } from '#app/config/charity.server.ts'
import { requireSessionPerson } from '#app/people/session.server.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const person = await requireSessionPerson(request)
	return { firstName: person.firstName, campaigns: await listCampaignsOwnedBy(person.id), locale: getCharity().locale }
}

/** Deletes one of the person's drafts (owner only, drafts only). */
export async function action({ request }: ActionFunctionArgs) {
	const person = await requireSessionPerson(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: deleteDraftSchema })
	const campaignId = formValue(formData, 'campaignId')
	if (submission.status !== 'success') return data({ campaignId, result: submission.reply() }, { status: 400 })
	const campaign = await requireOwnedCampaign(submission.value.campaignId, person)
	const deleted = await deleteDraftCampaign(campaign)
	if (!deleted.ok)
		return data({ campaignId, result: submission.reply({ formErrors: [deleted.error] }) }, { status: 400 })
	return redirect('/dashboard?done=deleted')
}

export const meta: MetaFunction = () => [{ title: 'My fundraisers' }]

function welcome(firstName: string, returning: boolean) {
	const greeting = returning ? 'Welcome back' : 'Welcome'
	return firstName ? `${greeting}, ${firstName}.` : `${greeting}.`
}

export default function Dashboard() {
	const { firstName, campaigns, locale } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	return (
		<div className="mx-auto max-w-5xl px-4 py-10">
			<div className="flex flex-wrap items-end justify-between gap-4">
				<div>
					<h1 className="text-3xl font-bold">My fundraisers</h1>
					<p className="mt-1 text-muted">{welcome(firstName, campaigns.length > 0)}</p>
				</div>
				{campaigns.length > 0 ? (
					<Link to="/start" className="btn-primary">
						Start a new fundraiser
					</Link>
				) : null}
			</div>
			{searchParams.get('done') === 'deleted' ? (
				<ActionNotice className="mt-4">Your draft is deleted.</ActionNotice>
			) : null}
			{campaigns.length === 0 ? (
				<NoFundraisersYet />
			) : (
				<ul className="mt-8 space-y-4">
					{campaigns.map((campaign) => (
						<OwnedCampaignCard
							key={campaign.id}
							campaign={campaign}
							locale={locale}
							deleteResult={actionData?.campaignId === campaign.id ? actionData.result : undefined}
						/>
					))}
				</ul>
			)}
		</div>
	)
}
