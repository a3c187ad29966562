/**
 * The one money formatter. Amounts are integer minor units with their
 * currency; conversion to major units happens only for display and at the
 * Stripe boundary.
 */

/** Number of minor-unit digits for a currency (0 for JPY, 3 for KWD …). */
export function currencyExponent(currency: string): number {
	return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
		.maximumFractionDigits ?? 2
}

export function formatMoney(
	amountMinor: number,
	currency: string,
	locale = 'en-GB',
	options: { wholeUnits?: boolean } = {},
): string {
	const exponent = currencyExponent(currency)
	const wholeUnits = options.wholeUnits && amountMinor % 10 ** exponent === 0
	return new Intl.NumberFormat(locale, {
		style: 'currency',
		currency,
		minimumFractionDigits: wholeUnits ? 0 : exponent,
		maximumFractionDigits: exponent,
	}).format(amountMinor / 10 ** exponent)
}

/**
 * Parses a major-unit amount typed by a person ("25", "25.50", "1,000") into
 * integer minor units without floating-point arithmetic. Returns null when the
 * text is not an amount in this currency.
 */
export function parseMajorToMinor(text: string, currency: string): number | null {
	const exponent = currencyExponent(currency)
	const cleaned = text.trim().replace(/[,\s]/g, '').replace(/^[£$€]/, '')
	const pattern = exponent === 0 ? /^\d+$/ : new RegExp(`^(\\d+)(?:\\.(\\d{1,${exponent}}))?$`)
	const match = pattern.exec(cleaned)
	if (!match) return null
	const whole = match[1] ?? cleaned
	const fraction = (match[2] ?? '').padEnd(exponent, '0')
	const minor = Number(whole) * 10 ** exponent + (fraction ? Number(fraction) : 0)
	return Number.isSafeInteger(minor) ? minor : null
}

/** Share of goal reached, as a whole percentage clamped to 0–100 for bars. */
export function progressPercent(raisedMinor: number, goalMinor: number): number {
	if (goalMinor <= 0) return 0
	return Math.max(0, Math.min(100, Math.floor((raisedMinor * 100) / goalMinor)))
}

/** Minor units back to the plain major-unit text a person would type ("500", "19.99"). */
export function minorToMajorString(amountMinor: number, currency: string): string {
	const exponent = currencyExponent(currency)
	if (exponent === 0) return String(amountMinor)
	const factor = 10 ** exponent
	const whole = Math.trunc(amountMinor / factor)
	const fraction = Math.abs(amountMinor % factor)
	return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(exponent, '0')}`
}
