/**
 * The smallest amount Stripe will charge, in minor units, per currency
 * (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts).
 * A registration fee below it could never be paid at Checkout.
 */
const stripeMinimumsMinor: Record<string, number> = {
	USD: 50,
	GBP: 30,
	EUR: 50,
	AUD: 50,
	CAD: 50,
	CHF: 50,
	NZD: 50,
	SGD: 50,
	HKD: 400,
	JPY: 50,
	DKK: 250,
	NOK: 300,
	SEK: 300,
	MXN: 1000,
}

/** Stripe's minimum charge in the currency (50 minor units where we have not listed one: Stripe's usual floor). */
export function stripeMinimumChargeMinor(currency: string): number {
	return stripeMinimumsMinor[currency.toUpperCase()] ?? 50
}
