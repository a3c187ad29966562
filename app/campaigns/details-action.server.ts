import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { processCoverUpload } from '#app/media/images.server.ts'
import { requireSessionPerson } from '#app/people/session.server.ts'
import { readFormData } from '#app/utils/forms.server.ts'
import { minorToMajorString } from '#app/utils/money.ts'
import { type Campaign } from '#db/schema.ts'
import { campaignDetailsSchema } from './campaign-schema.ts'
import { type DetailsDefaults } from './details-form.tsx'
import { campaignKindTemplate } from './kinds.ts'

type Params = LoaderFunctionArgs['params']
import { requireOwnedCampaign, saveCampaignDetails } from './manage.server.ts'

/** Loads a campaign for the signed-in owner with its form values. */
export async function loadCampaignForEditing(request: Request, params: Params) {
	const person = await requireSessionPerson(request)
	const campaign = await requireOwnedCampaign(params.campaignId ?? '', person)
	return { person, campaign }
}

/**
 * The action behind step 2 and the edit page: validate, process a new cover
 * photo, save, then go to `next(campaign)`. Errors come back beside fields.
 */
export async function submitCampaignDetails(request: Request, params: Params, next: (campaignId: string) => string) {
	const { campaign } = await loadCampaignForEditing(request, params)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: campaignDetailsSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply() }, { status: 400 })
	}
	const { cover: coverFile, ...details } = submission.value
	let cover: { url: string } | undefined
	if (coverFile) {
		const processed = await processCoverUpload(coverFile)
		if (!processed.ok)
			return data({ result: submission.reply({ fieldErrors: { cover: [processed.error] } }) }, { status: 400 })
		cover = processed.image
	}
	const saved = await saveCampaignDetails(campaign, { ...details, cover })
	if (!saved.ok) return data({ result: submission.reply({ fieldErrors: saved.fieldErrors }) }, { status: 400 })
	return redirect(next(campaign.id))
}

/** The form's starting values for a campaign, in the units a person types. */
export function detailsDefaults(campaign: Campaign): DetailsDefaults {
	const charity = getCharity()
	const symbol =
		new Intl.NumberFormat(charity.locale, { style: 'currency', currency: campaign.currency })
			.formatToParts(0)
			.find((part) => part.type === 'currency')?.value ?? campaign.currency
	return {
		title: campaign.title,
		goal: minorToMajorString(campaign.goalMinor, campaign.currency),
		endsOn: campaign.endsOn ?? '',
		story: campaign.story,
		slug: campaign.slug,
		coverAlt: campaign.coverAlt ?? '',
		coverImage: campaign.coverImage,
		dateLabel: campaignKindTemplate(campaign.kind).dateLabel,
		asksRemembered: campaign.kind === 'in_memory',
		rememberedName: campaign.rememberedName ?? '',
		presetAmounts: (campaign.presetAmountsMinor ?? [])
			.map((minor) => minorToMajorString(minor, campaign.currency))
			.join(', '),
		presetSuggestion: campaignKindTemplate(campaign.kind).presetAmounts.join(', '),
		currencySymbol: symbol,
		appHost: new URL(getEnv().APP_URL).host,
	}
}
