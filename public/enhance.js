// Small progressive enhancements for every page, with or without React
// (the campaign page ships no React): copying a share link, the phone's own
// share sheet, selecting a read-only link on focus. Everything still works
// without it; the buttons it wires are hidden until it runs (app/styles/app.css).
;(() => {
	const root = document.documentElement
	root.dataset.enhanced = ''
	if (typeof navigator.share === 'function') root.dataset.canShare = ''

	const say = (button, message) => {
		const status = button.closest('section')?.querySelector('[data-copy-status]')
		if (status) status.textContent = message
	}

	document.addEventListener('click', (event) => {
		const target = event.target instanceof Element ? event.target : null
		const copy = target?.closest('[data-copy-link]')
		if (copy) {
			const url = copy.getAttribute('data-copy-link') ?? ''
			const done = () => {
				copy.textContent = 'Copied'
				say(copy, 'Link copied')
			}
			if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, () => say(copy, 'Copy the link above'))
			else say(copy, 'Copy the link above')
			return
		}
		const share = target?.closest('[data-native-share]')
		if (share) {
			navigator
				.share({
					title: share.getAttribute('data-share-title') ?? undefined,
					text: share.getAttribute('data-share-text') ?? undefined,
					url: share.getAttribute('data-native-share') ?? undefined,
				})
				// Closing the share sheet rejects; nothing to tell anyone.
				.catch(() => {})
		}
	})

	document.addEventListener('focusin', (event) => {
		if ((event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) && event.target.hasAttribute('data-select-on-focus')) event.target.select()
	})
})()
