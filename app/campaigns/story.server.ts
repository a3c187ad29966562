import { marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

/**
 * Renders a fundraiser's story (a Markdown subset: paragraphs, bold, italic,
 * links, lists) to HTML that is safe to put on the page. Raw HTML typed by the
 * person is shown as text, never interpreted; links are http(s) or mailto only
 * and carry rel="nofollow ugc noopener".
 */
export function renderStory(markdown: string): string {
	// Escape angle brackets first so any HTML the person typed stays inert text.
	const escaped = markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
	const html = marked.parse(escaped, { async: false, gfm: true, breaks: true })
	return sanitizeHtml(html, {
		allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'a', 'ul', 'ol', 'li'],
		allowedAttributes: { a: ['href', 'rel'] },
		allowedSchemes: ['http', 'https', 'mailto'],
		allowProtocolRelative: false,
		transformTags: {
			a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc noopener' } }),
			// Headings, images, code and quotes are outside the subset: keep their text as paragraphs.
			h1: 'p',
			h2: 'p',
			h3: 'p',
			h4: 'p',
			h5: 'p',
			h6: 'p',
			blockquote: 'p',
			pre: 'p',
		},
		exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href,
	})
}

/** Plain-text excerpt for descriptions and share cards. */
export function storyExcerpt(markdown: string, max = 160): string {
	const text = markdown
		.replace(/[*_`#>[\]()]/g, '')
		.replace(/\s+/g, ' ')
		.trim()
	return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text
}
