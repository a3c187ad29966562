import { parseWithZod } from '@conform-to/zod/v4'
import { data, redirect } from '@remix-run/node'
import { type Person, type Campaign } from '#db/schema.ts'
import { STALE_FORM_MESSAGE, readFormToken } from '#app/utils/form-token.server.ts'
import { formValue, readFormData } from '#app/utils/forms.server.ts'
import { ownEntry } from '#app/utils/lookup.ts'
import { campaignUpdateSchema, endCampaignSchema, offlineDonationSchema, thankDonorSchema } from './campaign-schema.ts'
import { recordOfflineDonation } from '#app/donations/offline-gifts.server.ts'
import { endCampaignEarly, postCampaignUpdate, sendDonorThanks } from './manage.server.ts'
import { changeTeamSchema } from '#app/events/join-schema.ts'
import { changeTeam } from '#app/events/join.server.ts'
import { sponsorshipFormSchema } from '#app/gift-aid/sponsorship-schema.ts'
import { recordSponsorshipForm } from '#app/gift-aid/sponsorship.server.ts'

const schemas = {
	'post-update': campaignUpdateSchema,
	'record-offline': offlineDonationSchema,
	'record-sponsorship': sponsorshipFormSchema,
	'thank-donor': thankDonorSchema,
	'end-campaign': endCampaignSchema,
	'change-team': changeTeamSchema,
} as const

export type ManageIntent = keyof typeof schemas

/** Dispatches the dashboard's forms by their `intent` field. */
export async function handleManageAction(request: Request, person: Person, campaign: Campaign) {
	const formData = await readFormData(request)
	const intent = formValue(formData, 'intent')
	const schema = ownEntry(schemas, intent as ManageIntent)
	if (!schema) return data({ intent: null, result: null, error: 'Unknown action.' }, { status: 400 })
	const submission = parseWithZod(formData, { schema })
	if (submission.status !== 'success') return data({ intent, result: submission.reply(), error: null }, { status: 400 })
	const token = readFormToken(formData)
	const back = (done: string) => redirect(`/dashboard/${campaign.id}?done=${done}`)
	const formError = (message: string) =>
		data({ intent, result: submission.reply({ formErrors: [message] }), error: null }, { status: 400 })
	const value = submission.value
	switch (value.intent) {
		case 'post-update': {
			const posted = await postCampaignUpdate(campaign, person, value.body, token)
			if (posted.status === 'stale') return formError(STALE_FORM_MESSAGE)
			if (posted.status === 'refused') {
				return data(
					{
						intent,
						result: submission.reply({ fieldErrors: { [posted.refusal.field]: [posted.refusal.message] } }),
						error: null,
					},
					{ status: 400 },
				)
			}
			return back('update')
		}
		case 'record-offline': {
			const recorded = await recordOfflineDonation(campaign, person, value, token)
			if (recorded.status === 'invalid')
				return data(
					{ intent, result: submission.reply({ fieldErrors: recorded.fieldErrors }), error: null },
					{ status: 400 },
				)
			if (recorded.status === 'stale') return formError(STALE_FORM_MESSAGE)
			return back('offline')
		}
		case 'record-sponsorship': {
			const recorded = await recordSponsorshipForm(campaign, person, value.sponsors, token)
			if (recorded.status === 'stale') return formError(STALE_FORM_MESSAGE)
			return back('sponsorship')
		}
		case 'thank-donor': {
			const sent = await sendDonorThanks(campaign, person, value.donationId, value.message, token)
			if (sent.status === 'stale') return formError(STALE_FORM_MESSAGE)
			if (sent.status === 'refused') return formError(sent.refusal)
			return back('thanks')
		}
		case 'end-campaign':
			await endCampaignEarly(campaign)
			return back('ended')
		case 'change-team': {
			const changed = await changeTeam(campaign.id, person, value.teamId || null)
			if (!changed.ok)
				return data(
					{ intent, result: submission.reply({ fieldErrors: { teamId: [changed.message] } }), error: null },
					{ status: 400 },
				)
			return back('team')
		}
	}
}
