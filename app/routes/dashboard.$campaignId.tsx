import { ActionNotice } from '#app/components/action-notice.tsx'
import { campaignUrl } from '#app/campaigns/urls.ts'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { getCampaignSummary } from '#app/campaigns/campaigns.server.ts'
import { DonationList } from '#app/campaigns/dashboard/donation-list.tsx'
import { EmbedWidget } from '#app/campaigns/dashboard/embed-widget.tsx'
import { EndCampaignForm } from '#app/campaigns/dashboard/end-campaign-form.tsx'
import { resultFor, type ManageActionResult } from '#app/campaigns/dashboard/manage-result.ts'
import { OfflineGiftSection } from '#app/campaigns/dashboard/offline-gift.tsx'
import { SponsorshipFormSection } from '#app/campaigns/dashboard/sponsorship-form.tsx'
import { PostUpdateSection } from '#app/campaigns/dashboard/post-update.tsx'
import { ProgressCard } from '#app/campaigns/dashboard/progress-card.tsx'
import { handleManageAction } from '#app/campaigns/manage-action.server.ts'
import {
	listCampaignDonationsForOwner,
	listCampaignUpdates,
	requireOwnedCampaign,
} from '#app/campaigns/manage.server.ts'
import { campaignQrLinks, SharePanel } from '#app/components/share-panel.tsx'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { requireSessionPerson } from '#app/people/session.server.ts'
import { ParticipantPanel } from '#app/components/event-page/participant-panel.tsx'
import { getParticipantPanel } from '#app/events/join.server.ts'
import { charityPaysParticipantCosts, takesSponsorshipGiftAid } from '#app/gift-aid/sponsorship.server.ts'
import { newFormToken } from '#app/utils/form-token.server.ts'
import { ownEntry } from '#app/utils/lookup.ts'
import { formatMoney } from '#app/utils/money.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const person = await requireSessionPerson(request)
	const campaign = await requireOwnedCampaign(params.campaignId ?? '', person)
	const [summary, donations, updates, eventPanel, costsPaid] = await Promise.all([
		getCampaignSummary(campaign.id),
		listCampaignDonationsForOwner(campaign.id),
		listCampaignUpdates(campaign.id),
		getParticipantPanel(campaign.id),
		charityPaysParticipantCosts(campaign),
	])
	return {
		campaign: { ...summary!, hiddenReason: campaign.hiddenReason },
		donations,
		updates,
		eventPanel,
		url: campaignUrl(getEnv().APP_URL, campaign.slug),
		widgetUrl: campaignUrl(getEnv().APP_URL, campaign.slug, 'widget'),
		locale: getCharity().locale,
		// Sponsorship forms with Gift Aid are for gifts in pounds; where the charity pays the participant's costs each sponsor is asked whether they are the participant or family.
		sponsorship: takesSponsorshipGiftAid(campaign) ? { askParticipantOrFamily: costsPaid } : null,
		// One token per rendered form: a double click or a resent form creates nothing twice.
		formTokens: {
			postUpdate: newFormToken(),
			recordOffline: newFormToken(),
			recordSponsorship: newFormToken(),
			thankDonor: newFormToken(),
		},
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const person = await requireSessionPerson(request)
	const campaign = await requireOwnedCampaign(params.campaignId ?? '', person)
	return handleManageAction(request, person, campaign)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
	{ title: data ? `Manage: ${data.campaign.title}` : 'Manage fundraiser' },
]

const doneMessages: Record<string, string> = {
	update: 'Your update is posted on your page.',
	offline: 'Offline gift recorded. It will count in your total once our team confirms it.',
	sponsorship: 'Sponsorship form recorded. Each sponsor’s gift counts in your total once our team confirms it.',
	thanks: 'Your thank-you is on its way to the donor.',
	ended: 'Your fundraiser has ended. Thank you for everything you raised!',
	saved: 'Your changes are saved.',
	joined: 'You’re in! Your page is live: share it with everyone you know.',
	'joined-awaiting-fee': 'You’re in! Your page goes live once your registration fee is paid.',
	team: 'Your team is saved.',
}

export default function ManageCampaign() {
	const { campaign, donations, updates, eventPanel, url, widgetUrl, locale, sponsorship, formTokens } =
		useLoaderData<typeof loader>()
	const navigation = useNavigation()
	const actionData = useActionData<typeof action>() as ManageActionResult | undefined
	const [searchParams] = useSearchParams()
	const done = ownEntry(doneMessages, searchParams.get('done'))
	const shared = campaign.status === 'active' || campaign.status === 'ended'
	return (
		<div className="mx-auto max-w-5xl px-4 py-10">
			<Link to="/dashboard" className="text-brand underline">
				← My fundraisers
			</Link>
			<h1 className="mt-3 text-3xl font-bold">{campaign.title}</h1>
			{done ? <ActionNotice className="mt-4">{done}</ActionNotice> : null}
			{campaign.status === 'hidden' ? (
				<ActionNotice className="mt-4" tone="bad">
					Our team has hidden this page from the public.{' '}
					{campaign.hiddenReason ? `Reason: ${campaign.hiddenReason}` : null}
				</ActionNotice>
			) : null}
			<div className="mt-6 grid gap-8 lg:grid-cols-3">
				<div className="min-w-0 space-y-8 lg:col-span-2">
					{eventPanel ? (
						<ParticipantPanel
							panel={eventPanel}
							lastResult={resultFor(actionData, 'change-team')}
							money={(minor: number) => formatMoney(minor, campaign.currency, locale)}
							pending={navigation.state === 'submitting' && navigation.formData?.get('intent') === 'change-team'}
						/>
					) : null}
					<ProgressCard campaign={campaign} locale={locale} />
					<DonationList
						donations={donations}
						currency={campaign.currency}
						locale={locale}
						thankToken={formTokens.thankDonor}
						thankResult={resultFor(actionData, 'thank-donor')}
					/>
					<PostUpdateSection
						updates={updates}
						locale={locale}
						token={formTokens.postUpdate}
						lastResult={resultFor(actionData, 'post-update')}
					/>
					{sponsorship ? (
						<SponsorshipFormSection
							token={formTokens.recordSponsorship}
							lastResult={resultFor(actionData, 'record-sponsorship')}
							currency={campaign.currency}
							askParticipantOrFamily={sponsorship.askParticipantOrFamily}
						/>
					) : null}
				</div>
				<div className="min-w-0 space-y-8">
					{shared ? <SharePanel url={url} title={campaign.title} qr={campaignQrLinks(campaign.slug)} /> : null}
					{shared ? <EmbedWidget widgetUrl={widgetUrl} title={campaign.title} /> : null}
					<OfflineGiftSection
						pendingCount={donations.filter((d) => d.status === 'pending_confirmation').length}
						token={formTokens.recordOffline}
						lastResult={resultFor(actionData, 'record-offline')}
						currency={campaign.currency}
					/>
					{campaign.status === 'active' ? <EndCampaignForm lastResult={resultFor(actionData, 'end-campaign')} /> : null}
				</div>
			</div>
		</div>
	)
}
