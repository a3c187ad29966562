import { campaignPath } from '#app/campaigns/urls.ts'

/** Where a page's QR code is shown and downloaded from. */
export type QrLinks = { image: string; svgDownload: string; pngDownload: string }

/** A campaign page's QR code links. */
export function campaignQrLinks(slug: string): QrLinks {
	return {
		image: campaignPath(slug, 'qr.svg'),
		svgDownload: campaignPath(slug, 'qr.svg', { download: '1' }),
		pngDownload: campaignPath(slug, 'qr.png', { download: '1' }),
	}
}

/** QR code links of a page whose pictures sit under its own address (an event's or a team's: `/e/…/qr.svg`). */
export function qrLinksUnder(pagePath: string): QrLinks {
	return {
		image: `${pagePath}/qr.svg`,
		svgDownload: `${pagePath}/qr.svg?download=1`,
		pngDownload: `${pagePath}/qr.png?download=1`,
	}
}

/** The iframe code that puts a progress card on another website. */
export function widgetEmbedCode(widgetUrl: string, title: string) {
	return `<iframe src="${widgetUrl}" width="420" height="240" style="border:0;max-width:100%" title="${title.replace(/"/g, '&quot;')} — fundraising progress" loading="lazy"></iframe>`
}

/**
 * Plain share links (no third-party scripts), a copy button and the QR code.
 * The buttons are wired by public/enhance.js, the same on pages with and
 * without React: copy puts the link on the clipboard, and the share button
 * (shown only where the browser has a share sheet) opens the phone's own.
 */
export function SharePanel({
	url,
	title,
	qr,
	widgetUrl,
	heading = 'Share this fundraiser',
	text = `Please support my fundraiser: ${title}`,
}: {
	url: string
	title: string
	qr: QrLinks
	/** Offer the progress card's embed code too (event and team pages, which have no dashboard). */
	widgetUrl?: string
	/** What is shared, for the heading (an event's and a team's page share themselves, not "my fundraiser"). */
	heading?: string
	/** The message the share links start with. */
	text?: string
}) {
	const links = [
		{
			label: 'Email',
			href: `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(`${text}\n\n${url}`)}`,
		},
		{ label: 'WhatsApp', href: `https://wa.me/?text=${encodeURIComponent(`${text} ${url}`)}` },
		{ label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}` },
		{
			label: 'X',
			href: `https://twitter.com/intent/tweet?text=${encodeURIComponent(text)}&url=${encodeURIComponent(url)}`,
		},
		{ label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}` },
	]
	return (
		<section aria-labelledby="share-heading" className="rounded-xl border border-stone-200 p-6">
			<h2 id="share-heading" className="text-xl font-bold">
				{heading}
			</h2>
			<label htmlFor="share-url" className="mt-3 block text-sm font-semibold">
				Short link
			</label>
			<div className="mt-1 flex gap-2">
				<input id="share-url" readOnly value={url} className="field-input min-w-0 text-sm" data-select-on-focus />
				<button type="button" className="btn-secondary shrink-0 px-3 py-2 text-sm" data-copy-link={url}>
					Copy
				</button>
			</div>
			<p aria-live="polite" className="sr-only" data-copy-status />
			<button
				type="button"
				className="btn-primary mt-3 w-full"
				data-native-share={url}
				data-share-title={title}
				data-share-text={text}
			>
				Share…
			</button>
			<ul className="mt-4 flex flex-wrap gap-2">
				{links.map((link) => (
					<li key={link.label}>
						<a
							href={link.href}
							target={link.label === 'Email' ? undefined : '_blank'}
							rel="noopener noreferrer"
							className="inline-block rounded-full border border-stone-300 px-3 py-1.5 text-sm font-medium text-ink no-underline hover:border-brand hover:text-brand"
						>
							{link.label}
							{link.label === 'Email' ? null : <span className="sr-only"> (opens in a new tab)</span>}
						</a>
					</li>
				))}
			</ul>
			<div className="mt-5 flex items-center gap-4">
				<img
					src={qr.image}
					alt={`QR code for ${url}`}
					width={112}
					height={112}
					className="h-28 w-28 shrink-0 rounded border border-stone-200"
				/>
				<div className="min-w-0 text-sm">
					<p className="font-semibold">QR code for posters and cards</p>
					<p className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
						<a href={qr.svgDownload} className="whitespace-nowrap text-brand underline">
							Download SVG
						</a>
						<a href={qr.pngDownload} className="whitespace-nowrap text-brand underline">
							Download PNG
						</a>
					</p>
				</div>
			</div>
			{widgetUrl ? (
				<div className="mt-5 border-t border-stone-200 pt-4">
					<WidgetEmbed
						widgetUrl={widgetUrl}
						title={title}
						label="Progress card for another website"
						hint="Paste this code into a club page, a blog or a school newsletter: it shows the total and a Donate button, and updates itself."
					/>
				</div>
			) : null}
		</section>
	)
}

/** The progress card's embed code, selected whole on focus (public/enhance.js), and a link to preview the card. */
export function WidgetEmbed({
	widgetUrl,
	title,
	label,
	hint,
}: {
	widgetUrl: string
	title: string
	label: string
	hint?: string
}) {
	return (
		<>
			<label htmlFor="embed-code" className="block text-sm font-semibold">
				{label}
			</label>
			{hint ? (
				<p id="embed-code-hint" className="mt-1 text-sm text-muted">
					{hint}
				</p>
			) : null}
			<textarea
				id="embed-code"
				readOnly
				rows={4}
				value={widgetEmbedCode(widgetUrl, title)}
				aria-describedby={hint ? 'embed-code-hint' : undefined}
				className="field-input mt-2 font-mono text-xs"
				data-select-on-focus
			/>
			<p className="mt-2 text-sm">
				<a href={widgetUrl} target="_blank" rel="noopener" className="text-brand underline">
					Preview the progress card<span className="sr-only"> (opens in a new tab)</span>
				</a>
			</p>
		</>
	)
}
