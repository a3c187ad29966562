import { getCharity } from '#app/config/charity.server.ts'
import { giftAidOffered } from './settings.ts'
import { giftAidOn } from './wording.ts'

/**
 * The Gift Aid a page shows beside its total: 25% of the net of its eligible
 * gifts (the stored figure kept in step with the money record, so a refund
 * or a lost dispute takes its Gift Aid off too), rounded down; 0 when the
 * charity does not offer Gift Aid on this currency, so nothing is shown.
 */
export function giftAidShown(giftAidNetMinor: number | string, currency: string): number {
	if (!giftAidOffered(getCharity(), currency)) return 0
	return giftAidOn(Number(giftAidNetMinor))
}
