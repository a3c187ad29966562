import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { loadPageEvent } from '#app/events/event-page.server.ts'
import { giftAidShown } from '#app/gift-aid/shown.server.ts'
import { type getCampaignForViewer, listDonorWall, storedStoryHtml } from './campaigns.server.ts'
import { listCampaignUpdates } from './manage.server.ts'
import { storyExcerpt } from './story.server.ts'
import { campaignUrl } from './urls.ts'

type ViewableCampaign = NonNullable<Awaited<ReturnType<typeof getCampaignForViewer>>>

/** Which page of the donor wall to show: `before` (older) or `after` (newer) a donation id. */
export type DonorWallPosition = { page: number; before?: string; after?: string; pageSize: number }

/**
 * What a fundraiser's public page shows, for a campaign the viewer may see:
 * one page of the donor wall, the updates, the story, and the addresses it
 * is shared by. Only the owner is told why a page was hidden.
 */
export async function loadPublicCampaignPage(campaign: ViewableCampaign, wall: DonorWallPosition) {
	const { page: pageAsked, pageSize, ...position } = wall
	// A page number without a position (an old ?page= link) shows the first page.
	const page = position.before || position.after ? pageAsked : 1
	const [donors, updates, storyHtml, inEvent] = await Promise.all([
		listDonorWall(campaign.id, { limit: pageSize, ...(page > 1 ? position : {}) }),
		listCampaignUpdates(campaign.id),
		storedStoryHtml(campaign),
		loadPageEvent(campaign),
	])
	// The wall lists exactly the gifts the stored donor count counts (net above zero).
	const donorTotal = campaign.donorCount
	const env = getEnv()
	const {
		story,
		storyHtml: _stored,
		ownerId: _ownerId,
		hiddenReason,
		raisedChangedAt: _changed,
		giftAidNetMinor,
		...rest
	} = campaign
	return {
		campaign: {
			...rest,
			giftAidMinor: giftAidShown(giftAidNetMinor, campaign.currency),
			storyHtml,
			excerpt: storyExcerpt(story),
			hiddenReason: campaign.isOwner ? hiddenReason : null,
		},
		donors,
		inEvent,
		page,
		pageCount: Math.max(page, Math.ceil(donorTotal / pageSize)),
		updates,
		url: campaignUrl(env.APP_URL, campaign.slug),
		shareImage: campaignUrl(env.APP_URL, campaign.slug, 'share.png'),
		locale: getCharity().locale,
		now: new Date().toISOString(),
	}
}
