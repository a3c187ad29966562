// The donation form's enhancements, for a page that ships no React: the
// fee-cover and Gift Aid sentences follow the chosen amount, the Gift Aid
// details show only while "Add Gift Aid" is ticked, choosing a preset clears a
// typed amount, typing one selects "Other", a second press while checkout
// opens is ignored, and a tripped donation limit loads the ALTCHA widget.
// Bundled by Vite into one small standalone script (see donate-form.tsx) so
// the fee and the money formatting come from the same code as the server's.
import { coverFeeMinor } from '#app/donations/fees.ts'
import { giftAidOn } from '#app/gift-aid/wording.ts'
import { formatMoney, parseMajorToMinor } from '#app/utils/money.ts'

const form = document.querySelector<HTMLFormElement>('form[data-donate-form]')
if (form) enhanceDonationForm(form)
const check = document.querySelector<HTMLElement>('[data-altcha-script]')
if (check) void startAltcha(check)

function enhanceDonationForm(form: HTMLFormElement) {
	const { currency = '', locale = 'en-GB', feeBps, feeFixedMinor } = form.dataset
	const fee = { bps: Number(feeBps), fixedMinor: Number(feeFixedMinor) }
	const presets = [...form.querySelectorAll<HTMLInputElement>('input[type="radio"][name="amount"]')]
	const other = form.querySelector<HTMLInputElement>('input[name="otherAmount"]')
	const known = form.querySelector<HTMLElement>('[data-fee-known]')
	const unknown = form.querySelector<HTMLElement>('[data-fee-unknown]')

	// As on the server, a typed amount wins over a preset.
	const chosenMinor = () => {
		const typed = other?.value.trim() ?? ''
		const choice = presets.find((input) => input.checked)?.value ?? ''
		if (choice === 'other' || typed !== '') return parseMajorToMinor(typed, currency)
		return Number(choice) || null
	}
	const showFee = () => {
		const gift = chosenMinor()
		const ok = gift !== null && gift > 0
		if (known) known.hidden = !ok
		if (unknown) unknown.hidden = ok
		if (!ok || !known) return
		const feeText = known.querySelector('[data-fee-amount]')
		const giftText = known.querySelector('[data-fee-gift]')
		if (feeText) feeText.textContent = formatMoney(coverFeeMinor(gift, fee), currency, locale)
		if (giftText) giftText.textContent = formatMoney(gift, currency, locale)
	}

	const giftAidKnown = form.querySelector<HTMLElement>('[data-gift-aid-known]')
	const giftAidUnknown = form.querySelector<HTMLElement>('[data-gift-aid-unknown]')
	// "£20 becomes £25 at no extra cost to you", and the amount in the declaration's wording.
	const showGiftAid = () => {
		const gift = chosenMinor()
		const ok = gift !== null && gift > 0
		if (giftAidKnown) giftAidKnown.hidden = !ok
		if (giftAidUnknown) giftAidUnknown.hidden = ok
		for (const text of form.querySelectorAll('[data-gift-aid-gift]')) {
			text.textContent = ok ? formatMoney(gift, currency, locale) : 'this gift'
		}
		const total = form.querySelector('[data-gift-aid-total]')
		if (total && ok) total.textContent = formatMoney(gift + giftAidOn(gift), currency, locale)
	}
	const giftAidBox = form.querySelector<HTMLInputElement>('[data-gift-aid-box]')
	const giftAidDetails = form.querySelector<HTMLElement>('[data-gift-aid-details]')
	// Without scripts the details are always shown (and asked for only when ticked); here they follow the box.
	const showGiftAidDetails = () => {
		if (giftAidBox && giftAidDetails) giftAidDetails.hidden = !giftAidBox.checked
	}
	giftAidBox?.addEventListener('change', showGiftAidDetails)
	const showAmounts = () => {
		showFee()
		showGiftAid()
	}

	for (const preset of presets) {
		preset.addEventListener('change', () => {
			// Choosing a preset after typing an amount means the preset: clear the typed one so it cannot win.
			if (preset.value !== 'other' && other) other.value = ''
			showAmounts()
		})
	}
	other?.addEventListener('input', showAmounts)
	other?.addEventListener('focus', () => {
		const otherChoice = presets.find((input) => input.value === 'other')
		if (otherChoice && !otherChoice.checked) otherChoice.checked = true
		showAmounts()
	})

	const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')
	const idleLabel = submit?.textContent ?? ''
	let opening = false
	form.addEventListener('submit', (event) => {
		if (opening) return event.preventDefault()
		opening = true
		submit?.setAttribute('aria-disabled', 'true')
		if (submit) submit.textContent = 'Opening secure checkout…'
	})
	// Back from the checkout (the page restored from the back-forward cache): the form is ready again.
	window.addEventListener('pageshow', () => {
		opening = false
		submit?.removeAttribute('aria-disabled')
		if (submit) submit.textContent = idleLabel
	})
	showAmounts()
	showGiftAidDetails()
}

type AltchaGlobal = { algorithms: Map<string, () => Worker> }

/**
 * ALTCHA's web component and its proof-of-work worker, served from our own
 * origin (its "external" build keeps styles and workers out of inline blobs,
 * so the nonce-based Content-Security-Policy needs no exception). The widget
 * waits in a template until its algorithm is registered, so it never starts
 * solving without a worker.
 */
async function startAltcha(check: HTMLElement) {
	const { altchaScript = '', altchaStyles = '', altchaWorker = '' } = check.dataset
	const styles = document.createElement('link')
	styles.rel = 'stylesheet'
	styles.href = altchaStyles
	document.head.append(styles)
	await import(/* @vite-ignore */ altchaScript)
	const altcha = (globalThis as unknown as { $altcha: AltchaGlobal }).$altcha
	altcha.algorithms.set('PBKDF2/SHA-256', () => new Worker(altchaWorker))
	const widget = check.querySelector<HTMLTemplateElement>('template[data-altcha-widget]')
	if (widget) check.querySelector('[data-altcha-place]')?.append(document.importNode(widget.content, true))
	// Without scripts the note would promise something that cannot happen; now it can.
	const note = check.querySelector<HTMLElement>('[data-altcha-note]')
	if (note) note.hidden = false
}
