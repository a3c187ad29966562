import { z } from 'zod'
import { formText } from '#app/utils/forms.ts'

/**
 * The fields of a Gift Aid declaration that HMRC needs (title, first name,
 * last name, house name or number, postcode), as the donation form, the
 * declaration update page and the offline sponsorship form all check them:
 * one validation, and what it yields is already in HMRC's format.
 *
 * Lengths are those of HMRC's claim schedule: title up to 4 characters, first
 * and last name up to 35, house name or number up to 40.
 */
export const GIFT_AID_TITLE_MAX = 4
export const GIFT_AID_NAME_MAX = 35
export const GIFT_AID_HOUSE_MAX = 40

/**
 * A UK postcode: outward code (area letters, district digit and an optional
 * digit or letter), then inward code (a digit and two letters, never C, I,
 * K, M, O or V). GIR 0AA is the one historic exception still in use.
 */
const POSTCODE = /^(?:([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][ABD-HJLNP-UW-Z]{2})|(GIR)(0AA))$/

/**
 * The postcode in HMRC's format (upper case, one space between the outward
 * and inward codes), or null when the text is not a UK postcode. Spaces may
 * be missing or doubled as typed.
 */
export function normaliseUkPostcode(raw: string): string | null {
	const compact = raw.replace(/\s+/g, '').toUpperCase()
	const match = POSTCODE.exec(compact)
	if (!match) return null
	const outward = match[1] ?? match[3]
	const inward = match[2] ?? match[4]
	return `${outward} ${inward}`
}

/** Letters in any alphabet, spaces, hyphens, apostrophes and full stops: what names are made of. */
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u

function nameField(label: string) {
	return formText({ error: `Please enter your ${label}` })
		.trim()
		.min(1, `Please enter your ${label}`)
		.max(GIFT_AID_NAME_MAX, `Your ${label} must be at most ${GIFT_AID_NAME_MAX} characters`)
		.regex(NAME, `Please use letters, spaces, hyphens and apostrophes in your ${label}`)
}

const flag = z
	.boolean()
	.optional()
	.transform((v) => v ?? false)

/** The declaration's fields as a form sends them (names as in the form). */
export const declarationDetailsFields = z.object({
	title: formText()
		.trim()
		.max(GIFT_AID_TITLE_MAX, `A title must be at most ${GIFT_AID_TITLE_MAX} characters (Mr, Mrs, Ms, Dr…)`)
		.optional()
		.transform((v) => v || null),
	firstName: nameField('first name'),
	lastName: nameField('last name'),
	houseNameOrNumber: formText({ error: 'Please enter your house name or number' })
		.trim()
		.min(1, 'Please enter your house name or number')
		.max(GIFT_AID_HOUSE_MAX, `Your house name or number must be at most ${GIFT_AID_HOUSE_MAX} characters`),
	postcode: formText().trim().max(16, 'Please enter a UK postcode, like SW1A 1AA').optional(),
	/** The donor lives outside the UK: HMRC then takes no postcode. */
	overseas: flag,
})

/**
 * The declaration's details, checked and normalised: a UK postcode is
 * required unless the donor lives overseas, when it must be left empty
 * (HMRC's rule: an overseas donor gives no postcode, only their house name
 * or number; the claim marks them as overseas).
 */
export const declarationDetailsSchema = declarationDetailsFields
	.superRefine(
		(value, ctx) => {
			const typed = typeof value.postcode === 'string' ? value.postcode.trim() : ''
			if (value.overseas === true) {
				if (typed !== '')
					ctx.addIssue({
						code: 'custom',
						path: ['postcode'],
						message: 'Leave the postcode empty if you live outside the UK, or untick “I live outside the UK”',
					})
				return
			}
			if (typed === '') {
				ctx.addIssue({
					code: 'custom',
					path: ['postcode'],
					message: 'Please enter your postcode (or tick “I live outside the UK”)',
				})
			} else if (!normaliseUkPostcode(typed)) {
				ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'Please enter a UK postcode, like SW1A 1AA' })
			}
		},
		// Check the postcode even when a name is missing, so every error shows at once.
		{ when: (payload) => typeof payload.value === 'object' && payload.value !== null },
	)
	.transform((value) => ({
		title: value.title,
		firstName: value.firstName,
		lastName: value.lastName,
		houseNameOrNumber: value.houseNameOrNumber,
		postcode: value.overseas ? null : normaliseUkPostcode(value.postcode ?? ''),
		overseas: value.overseas,
	}))

export type DeclarationDetails = z.output<typeof declarationDetailsSchema>

/** What a declaration covers: this gift alone, or also future gifts and those of the past four years. */
export const declarationScopeField = z.enum(['this_gift', 'all_gifts'], {
	error: 'Please choose which gifts the declaration covers',
})

/**
 * Checks a declaration's details that sit under `path` in a larger form
 * (the donation form asks for them only when "Add Gift Aid" is ticked):
 * each problem is added beside its own field. Returns the details, or null.
 */
export function checkDeclarationDetails(
	raw: unknown,
	ctx: { addIssue: (issue: { code: 'custom'; path: PropertyKey[]; message: string }) => void },
	path: PropertyKey[],
): DeclarationDetails | null {
	const parsed = declarationDetailsSchema.safeParse(raw ?? {})
	if (parsed.success) return parsed.data
	for (const issue of parsed.error.issues) {
		ctx.addIssue({ code: 'custom', path: [...path, ...issue.path], message: issue.message })
	}
	return null
}
