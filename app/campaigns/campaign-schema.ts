import { z } from 'zod'
import { amountTextProblem, parseMajorText } from '#app/utils/money.ts'
import { FORM_TOKEN_FIELD, formTokenField } from '#app/utils/forms.ts'
import { formText } from '#app/utils/forms.ts'
import { campaignKindValues } from './kinds.ts'
import { slugProblem } from './slug.ts'

/** Goal limits, in major units of the charity's currency. */
export const GOAL_MIN = 10
export const GOAL_MAX = 1_000_000
export const TITLE_MAX = 90
export const STORY_MAX = 10_000
export const UPDATE_MAX = 2_000
export const REMEMBERED_NAME_MAX = 80
export const PERSON_NAME_MAX = 60
export const MAX_COVER_BYTES = 8 * 1024 * 1024

/** The typed amount in hundredths (goals are set in two-decimal currencies), or null when it is not an amount. */
const hundredths = (v: string) => parseMajorText(v, 2)

/**
 * An amount typed in major units ("500", "1,000", "12.50"), checked here for
 * shape and limits; the server turns it into integer minor units.
 */
function majorAmount(messages: { missing: string; min: number; minMessage: string; max: number; maxMessage: string }) {
	return formText({ error: messages.missing })
		.trim()
		.min(1, messages.missing)
		.superRefine((v, ctx) => {
			const amount = hundredths(v)
			if (amount === null) ctx.addIssue({ code: 'custom', message: amountTextProblem(v, '500') })
			else if (amount < messages.min * 100) ctx.addIssue({ code: 'custom', message: messages.minMessage })
			else if (amount > messages.max * 100) ctx.addIssue({ code: 'custom', message: messages.maxMessage })
		})
}

export const goalText = majorAmount({
	missing: 'Please set a goal — fundraisers with a goal raise more',
	min: GOAL_MIN,
	minMessage: `Your goal must be at least ${GOAL_MIN}`,
	max: GOAL_MAX,
	maxMessage: `Your goal must be at most ${GOAL_MAX.toLocaleString('en-GB')}`,
})

const isoDate = formText()
	.trim()
	.optional()
	.transform((v) => (v ? v : null))
	.refine(
		(v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))),
		'Enter a date like 2027-06-30',
	)
	.refine((v) => v === null || v > new Date().toISOString().slice(0, 10), 'The date must be in the future')
	.refine(
		(v) => v === null || Date.parse(`${v}T00:00:00Z`) < Date.now() + 2 * 365 * 86_400_000,
		'The date must be within two years',
	)

const coverFile = z
	.instanceof(File)
	.optional()
	// An empty file input submits an empty, nameless file: no new photo.
	.transform((file) => (file && file.size > 0 ? file : undefined))
	.refine((file) => !file || file.size <= MAX_COVER_BYTES, 'Please choose a photo under 8 MB')

/** Step 2 — details, also used to edit a published campaign. */
export const campaignDetailsSchema = z.strictObject({
	title: formText({ error: 'Please give your fundraiser a title' })
		.trim()
		.min(5, 'Please give your fundraiser a title of at least 5 characters')
		.max(TITLE_MAX, `Your title must be at most ${TITLE_MAX} characters`),
	goal: goalText,
	endsOn: isoDate,
	story: formText({ error: 'Please tell people why you are fundraising' })
		.trim()
		.min(20, 'Please tell people why you are fundraising (at least 20 characters)')
		.max(STORY_MAX, `Your story must be at most ${STORY_MAX.toLocaleString('en-GB')} characters`),
	slug: formText({ error: 'Please choose a short link' })
		.trim()
		.toLowerCase()
		.superRefine((slug, ctx) => {
			const problem = slugProblem(slug)
			if (problem) ctx.addIssue({ code: 'custom', message: problem })
		}),
	cover: coverFile,
	coverAlt: formText()
		.trim()
		.max(200, 'The photo description must be at most 200 characters')
		.optional()
		.transform((v) => v ?? ''),
	/** Who a page in memory of someone remembers; required for that kind (checked on save, where the kind is known). */
	rememberedName: z
		.string()
		.trim()
		.max(REMEMBERED_NAME_MAX, `The name must be at most ${REMEMBERED_NAME_MAX} characters`)
		.optional()
		.transform((v) => v ?? ''),
	/** Quick-choice amounts for donors, like "10, 25, 50, 100"; empty keeps the suggestions for the kind. */
	presetAmounts: formText()
		.trim()
		.max(100, 'Please list at most six amounts')
		.optional()
		.transform((v) => v ?? '')
		.refine(
			(v) => v === '' || /^[£$€]?\s*\d+(\.\d{1,2})?(\s*,\s*[£$€]?\s*\d+(\.\d{1,2})?){1,5}$/.test(v),
			'List two to six amounts separated by commas, like 10, 25, 50, 100',
		),
})

export const chooseKindSchema = z.strictObject({
	kind: z.enum(campaignKindValues, { error: 'Please choose one of the ideas' }),
	[FORM_TOKEN_FIELD]: formTokenField,
})

export const campaignUpdateSchema = z.strictObject({
	intent: z.literal('post-update'),
	[FORM_TOKEN_FIELD]: formTokenField,
	body: formText({ error: 'Please write your update' })
		.trim()
		.min(3, 'Please write your update')
		.max(UPDATE_MAX, `Updates must be at most ${UPDATE_MAX.toLocaleString('en-GB')} characters`),
})

export const offlineDonationSchema = z.strictObject({
	intent: z.literal('record-offline'),
	[FORM_TOKEN_FIELD]: formTokenField,
	amount: majorAmount({
		missing: 'Please enter the amount collected',
		min: 0.01,
		minMessage: 'The amount must be more than 0',
		max: 50_000,
		maxMessage: 'For gifts over 50,000 please contact us',
	}),
	donorName: formText({ error: "Please enter the donor's name (or 'Anonymous')" })
		.trim()
		.min(1, "Please enter the donor's name (or 'Anonymous')")
		.max(120, 'The name must be at most 120 characters'),
	note: formText()
		.trim()
		.max(500, 'The note must be at most 500 characters')
		.optional()
		.transform((v) => v || null),
})

export const thankDonorSchema = z.strictObject({
	intent: z.literal('thank-donor'),
	[FORM_TOKEN_FIELD]: formTokenField,
	donationId: z.uuid('Choose a donation to thank'),
	message: formText({ error: 'Please write your thank-you' })
		.trim()
		.min(2, 'Please write your thank-you')
		.max(1000, 'Thank-you messages must be at most 1,000 characters'),
})

export const endCampaignSchema = z.strictObject({
	intent: z.literal('end-campaign'),
	confirm: z.literal('on', { error: 'Tick the box to confirm you want to end your fundraiser now' }),
})

/**
 * Step 3. A page names its organiser, so someone whose account has no name
 * yet gives one here (it is saved to their own account); the route asks for
 * it only then.
 */
export const organiserNameMissing = 'Please enter your first name, so people know who is fundraising'

export const publishSchema = z.strictObject({
	intent: z.literal('publish'),
	firstName: z
		.string()
		.trim()
		.max(PERSON_NAME_MAX, `Your first name must be at most ${PERSON_NAME_MAX} characters`)
		.optional()
		.transform((v) => v ?? ''),
	lastName: z
		.string()
		.trim()
		.max(PERSON_NAME_MAX, `Your last name must be at most ${PERSON_NAME_MAX} characters`)
		.optional()
		.transform((v) => v ?? ''),
})

export const deleteDraftSchema = z.strictObject({
	intent: z.literal('delete-draft'),
	campaignId: z.uuid('Choose a draft to delete'),
	confirm: z.literal('on', { error: 'Tick the box to confirm you want to delete this draft' }),
})
