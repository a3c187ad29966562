import { campaignUrl } from '#app/campaigns/urls.ts'
import QRCode from 'qrcode'
import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'

/**
 * QR codes fundraisers print on posters, cake boxes and sponsor forms. They
 * encode the campaign's public address; 'M' error correction survives a
 * crease or a smudge while keeping the code small enough to scan from afar.
 */

/** The public address of a campaign page, as shared and encoded in QR codes. */
export function campaignPageUrl(slug: string): string {
	return campaignUrl(getEnv().APP_URL, slug)
}

/** "<slug>-qr.svg": a download name that is always safe inside a Content-Disposition header. */
export function qrFileName(slug: string, extension: 'svg' | 'png'): string {
	return `${slug.replace(/[^a-z0-9-]/gi, '') || 'campaign'}-qr.${extension}`
}

/** Side of the PNG, in pixels: sharp on a printed A4 poster. */
export const QR_PNG_SIZE = 600

/** Relative luminance of a #rrggbb colour (WCAG 2). */
function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const channel = parseInt(hex.slice(i, i + 2), 16) / 255
		return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
	}) as [number, number, number]
	return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/**
 * The brand colour when it is dark enough against white for phones to scan
 * (and for people to see); otherwise near-black, so a charity with a pale
 * brand colour still gets codes that work.
 */
function darkModuleColour(): string {
	const primary = getCharity().primaryColor.toLowerCase()
	const contrast = 1.05 / (luminance(primary) + 0.05)
	return contrast >= 4.5 ? primary : '#111111'
}

function qrOptions() {
	return {
		errorCorrectionLevel: 'M' as const,
		margin: 2,
		color: { dark: darkModuleColour(), light: '#ffffff' },
	}
}

/** A scalable QR code (for print) of `url`. */
export function campaignQrSvg(url: string): Promise<string> {
	return QRCode.toString(url, { type: 'svg', ...qrOptions() })
}

/** A 600×600 PNG QR code of `url`. */
export function campaignQrPng(url: string): Promise<Buffer> {
	return QRCode.toBuffer(url, { type: 'png', width: QR_PNG_SIZE, ...qrOptions() })
}
