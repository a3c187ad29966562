/** The parts of a campaign that decide whether it takes gifts. */
type CampaignDates = { status: 'draft' | 'active' | 'ended' | 'hidden'; endsOn: string | null }

/** Today's date as the end dates are kept ('YYYY-MM-DD', UTC): a campaign takes gifts all through its end day. */
export function giftDayOf(now: Date) {
	return now.toISOString().slice(0, 10)
}

/** Whether the campaign's end date has passed (its end day is over), whatever its status. */
export function isPastEndDate(campaign: Pick<CampaignDates, 'endsOn'>, now: Date) {
	return campaign.endsOn !== null && campaign.endsOn < giftDayOf(now)
}

/**
 * The one rule for whether a campaign takes gifts now: it is live and its end
 * day has not passed. The campaign page, the donate page and form, and the
 * email sequences all ask this; the dispatcher's closeCampaignsPastEndDate
 * turns what it says into the stored status.
 */
export function isTakingGifts(campaign: CampaignDates, now: Date) {
	return campaign.status === 'active' && !isPastEndDate(campaign, now)
}
