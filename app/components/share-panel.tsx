import { campaignPath } from '#app/campaigns/urls.ts'

/**
 * Plain share links (no third-party scripts), a copy button and the QR code.
 * The buttons are wired by public/enhance.js, the same on pages with and
 * without React: copy puts the link on the clipboard, and the share button
 * (shown only where the browser has a share sheet) opens the phone's own.
 */
export function SharePanel({
	url,
	title,
	slug,
	heading = 'Share this fundraiser',
	text = `Please support my fundraiser: ${title}`,
}: {
	url: string
	title: string
	slug: string
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
					src={campaignPath(slug, 'qr.svg')}
					alt={`QR code for ${url}`}
					width={112}
					height={112}
					className="h-28 w-28 shrink-0 rounded border border-stone-200"
				/>
				<div className="min-w-0 text-sm">
					<p className="font-semibold">QR code for posters and cards</p>
					<p className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
						<a
							href={campaignPath(slug, 'qr.svg', { download: '1' })}
							className="whitespace-nowrap text-brand underline"
						>
							Download SVG
						</a>
						<a
							href={campaignPath(slug, 'qr.png', { download: '1' })}
							className="whitespace-nowrap text-brand underline"
						>
							Download PNG
						</a>
					</p>
				</div>
			</div>
		</section>
	)
}
