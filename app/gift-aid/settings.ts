import { type Charity } from '#app/config/charity.ts'

/**
 * Whether a gift in `currency` may carry Gift Aid: only pounds given to a GB
 * charity that offers it (CHARITY_COUNTRY=GB, CHARITY_GIFT_AID not false).
 * Every path that offers, records or shows Gift Aid asks this one rule.
 */
export function giftAidOffered(charity: Pick<Charity, 'country' | 'giftAid'>, currency: string): boolean {
	return charity.giftAid && charity.country === 'GB' && currency.toUpperCase() === 'GBP'
}
