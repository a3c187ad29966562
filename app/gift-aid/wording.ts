/**
 * The declaration wording donors agree to, after HMRC's model declarations
 * (Gift Aid: guidance for charities, chapter 3): the version is stored on
 * each declaration, so a change of wording is a new version and the record
 * shows what each donor saw.
 */
export const GIFT_AID_WORDING_VERSION = 'hmrc-model-2015-v1'

/** HMRC's taxpayer statement, the same for every kind of declaration. */
export const TAXPAYER_STATEMENT =
	'I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital Gains Tax than the amount of Gift Aid claimed on all my donations in that tax year it is my responsibility to pay any difference.'

/** "I want to Gift Aid my donation of £20 to <charity>" (one gift). */
export const thisGiftStatement = (amountLabel: string, charity: string) =>
	`I want to Gift Aid my donation of ${amountLabel} to ${charity}.`

/** The enduring form: this gift, future gifts and those of the past four years. */
export const allGiftsStatement = (amountLabel: string, charity: string) =>
	`I want to Gift Aid my donation of ${amountLabel} and any donations I make in the future or have made in the past 4 years to ${charity}.`

/** What the donor is asked to tell the charity while a declaration is in use. */
export const KEEP_US_INFORMED =
	'Please tell us if you want to cancel this declaration, change your name or home address, or no longer pay sufficient tax on your income and/or capital gains.'

/** Gift Aid on a gift: 25p for every £1, rounded down to the penny (minor units). */
export const giftAidOn = (amountMinor: number) => Math.floor((Math.max(0, amountMinor) * 25) / 100)
