import { getCharity } from '#app/config/charity.server.ts'
import { getEnv } from '#app/config/env.server.ts'
import { renderGuidePdf } from '#app/guide/guide-pdf.server.ts'

// The guide only changes with a deploy or the charity's configuration, so one rendering serves every download.
let cached: { key: string; pdf: Buffer } | null = null

/** GET /guide/25-tips.pdf — the printable version of the guide, from the same text as /guide/25-tips. */
export async function loader() {
	const charity = getCharity()
	const startUrl = `${getEnv().APP_URL}/start`
	const key = `${charity.name}\n${startUrl}`
	if (cached?.key !== key) cached = { key, pdf: await renderGuidePdf(charity, { startUrl }) }
	return new Response(new Uint8Array(cached.pdf), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': 'inline; filename="25-tips-for-the-novice-fundraiser.pdf"',
			'Cache-Control': 'public, max-age=3600',
		},
	})
}
