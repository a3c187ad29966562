import { z } from 'zod'
import { checkDeclarationDetails, type DeclarationDetails } from '#app/gift-aid/declaration-fields.ts'
import { FORM_TOKEN_FIELD, formText, formTokenField } from '#app/utils/forms.ts'
import { amountTextProblem, parseMajorText } from '#app/utils/money.ts'

/*
 * An offline sponsorship form, as HMRC's model sponsorship form has it: for
 * each sponsor their name, home address (house name or number) and postcode,
 * the amount, the date they paid and whether they ticked Gift Aid. The
 * fundraiser copies the sheet in; each sponsor's gift is recorded on its own,
 * with its own declaration when Gift Aid is ticked, and waits for staff.
 */

/** Sponsor rows the form shows (without JavaScript too); a longer sheet is sent in several goes. */
export const SPONSOR_ROWS = 6
/** The most one sponsor's gift may be, as for any offline gift. */
export const SPONSOR_AMOUNT_MAX = 50_000

const flag = z
	.boolean()
	.optional()
	.transform((v) => v ?? false)

const sponsorRow = z.object({
	title: formText().optional(),
	firstName: formText().optional(),
	lastName: formText().optional(),
	houseNameOrNumber: formText().optional(),
	postcode: formText().optional(),
	amount: formText().optional(),
	paidOn: formText().optional(),
	giftAid: flag,
	/** Asked only where the charity pays participants' costs: the sponsor is the participant or their family. */
	participantOrFamily: flag,
})

export type SponsorLine = {
	donorName: string
	/** As typed (checked here); the server reads it in the campaign's currency. */
	amount: string
	paidOn: string
	giftAid: DeclarationDetails | null
	participantOrFamily: boolean
}

/** The typed amount in hundredths (sponsorship is in pounds), or null when it is not an amount. */
const hundredths = (v: string) => parseMajorText(v, 2)

const isBlank = (row: z.infer<typeof sponsorRow>) =>
	!row.firstName?.trim() &&
	!row.lastName?.trim() &&
	!row.houseNameOrNumber?.trim() &&
	!row.postcode?.trim() &&
	!row.amount?.trim() &&
	!row.paidOn?.trim() &&
	!row.giftAid

/** YYYY-MM-DD of today in UTC, the latest a sponsor can have paid. */
const today = () => new Date().toISOString().slice(0, 10)

export const sponsorshipFormSchema = z
	.strictObject({
		intent: z.literal('record-sponsorship'),
		[FORM_TOKEN_FIELD]: formTokenField,
		sponsors: z.array(sponsorRow.optional()).max(SPONSOR_ROWS).optional(),
	})
	.transform((form, ctx) => {
		const lines: SponsorLine[] = []
		const rows = form.sponsors ?? []
		rows.forEach((raw, i) => {
			if (!raw) return
			const row = raw
			if (isBlank(row)) return
			const at = (field: string) => ['sponsors', i, field]
			const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: at(field), message })
			const firstName = row.firstName?.trim() ?? ''
			const lastName = row.lastName?.trim() ?? ''
			// With Gift Aid ticked the declaration's own checks name these fields (once).
			if (!firstName && !row.giftAid) issue('firstName', 'Please enter the sponsor’s first name or initial')
			if (!lastName && !row.giftAid) issue('lastName', 'Please enter the sponsor’s last name')
			const amountText = row.amount?.trim() ?? ''
			const amount = amountText ? hundredths(amountText) : null
			if (!amountText) issue('amount', 'Please enter how much the sponsor gave')
			else if (amount === null) issue('amount', amountTextProblem(amountText, '10'))
			else if (amount <= 0) issue('amount', 'The amount must be more than 0')
			else if (amount > SPONSOR_AMOUNT_MAX * 100) issue('amount', 'For gifts over 50,000 please contact us')
			const paidOn = row.paidOn?.trim() ?? ''
			if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn) || Number.isNaN(Date.parse(`${paidOn}T00:00:00Z`)))
				issue('paidOn', 'Please enter the date the sponsor paid, like 2025-04-03')
			else if (paidOn > today()) issue('paidOn', 'The date paid cannot be in the future')
			const giftAid = row.giftAid ? checkDeclarationDetails(row, ctx, ['sponsors', i]) : null
			if (firstName && lastName && amount !== null && amount > 0)
				lines.push({
					donorName: `${firstName} ${lastName}`,
					amount: amountText,
					paidOn,
					giftAid,
					participantOrFamily: row.participantOrFamily,
				})
		})
		if (rows.every((row) => !row || isBlank(row)))
			ctx.addIssue({
				code: 'custom',
				path: ['sponsors', 0, 'firstName'],
				message: 'Please copy at least one sponsor from the form',
			})
		return { intent: form.intent, sponsors: lines }
	})
