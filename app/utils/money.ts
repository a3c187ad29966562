/**
 * The one money formatter. Amounts are integer minor units with their
 * currency; conversion to major units happens only for display and at the
 * Stripe boundary.
 */

// Building an Intl.NumberFormat costs far more than using one (measured: a
// fifth of a campaign page's render went to building them, several per
// donor row), so each distinct format is built once per process.
const numberFormats = new Map<string, Intl.NumberFormat>()
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `${locale}|${options.currency}|${options.minimumFractionDigits}|${options.maximumFractionDigits}`
	let format = numberFormats.get(key)
	if (!format) {
		format = new Intl.NumberFormat(locale, options)
		numberFormats.set(key, format)
	}
	return format
}

// resolvedOptions() builds a fresh object each time (measured: 1 % of a
// campaign page's CPU, asked once per amount shown), so each currency's
// answer is kept.
const exponents = new Map<string, number>()

/** Number of minor-unit digits for a currency (0 for JPY, 3 for KWD …). */
export function currencyExponent(currency: string): number {
	let exponent = exponents.get(currency)
	if (exponent === undefined) {
		exponent = numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
		exponents.set(currency, exponent)
	}
	return exponent
}

export function formatMoney(
	amountMinor: number,
	currency: string,
	locale = 'en-GB',
	options: { wholeUnits?: boolean } = {},
): string {
	const exponent = currencyExponent(currency)
	const wholeUnits = options.wholeUnits && amountMinor % 10 ** exponent === 0
	return numberFormat(locale, {
		style: 'currency',
		currency,
		minimumFractionDigits: wholeUnits ? 0 : exponent,
		maximumFractionDigits: exponent,
	}).format(amountMinor / 10 ** exponent)
}

/**
 * Parses a major-unit amount typed by a person ("25", "25.50", "1,000",
 * "1,000.50") into integer minor units without floating-point arithmetic.
 * A comma is taken only as a thousands separator between groups of three
 * digits: "25,00" might mean 25 or 2,500, so it is refused rather than guessed.
 * Returns null when the text is not an amount in this currency.
 */
export function parseMajorToMinor(text: string, currency: string): number | null {
	return parseMajorText(text, currencyExponent(currency))
}

/** `parseMajorToMinor` for a currency known only by its number of minor digits (forms checked before the currency is known). */
export function parseMajorText(text: string, exponent: number): number | null {
	const cleaned = text.trim().replace(/^[£$€]\s*/, '')
	const whole = String.raw`(\d{1,3}(?:,\d{3})+|\d+)`
	const pattern = new RegExp(exponent === 0 ? `^${whole}$` : `^${whole}(?:\\.(\\d{1,${exponent}}))?$`)
	const match = pattern.exec(cleaned)
	if (!match) return null
	const fraction = (match[2] ?? '').padEnd(exponent, '0')
	const minor = Number(match[1]!.replace(/,/g, '')) * 10 ** exponent + (fraction ? Number(fraction) : 0)
	return Number.isSafeInteger(minor) ? minor : null
}

/** Why a typed amount could not be read, in words a donor or fundraiser can act on. */
export function amountTextProblem(text: string, example = '25'): string {
	return text.includes(',')
		? 'Use a comma only between thousands, like 1,000; for pence, use a point, like 25.50'
		: `Enter the amount as a number, like ${example} or 12.50`
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
