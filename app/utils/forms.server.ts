import {
	data,
	MaxPartSizeExceededError,
	unstable_createMemoryUploadHandler as createMemoryUploadHandler,
	unstable_parseMultipartFormData as parseMultipartFormData,
} from '@remix-run/node'

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/**
 * Largest file part kept in memory. Above the 8 MB photo limit on purpose:
 * a too-large photo reaches the form's schema, so the person gets the
 * message beside the field rather than an error page.
 */
export const MAX_UPLOAD_PART_BYTES = 20 * 1024 * 1024

/**
 * Reads a form post, answering 415 for other content types and 400 for a
 * body that cannot be parsed, so garbage never reaches a route as a 500.
 * Multipart bodies (file uploads) are read into memory with a size cap.
 */
export async function readFormData(request: Request): Promise<FormData> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
	if (!FORM_TYPES.includes(type)) {
		throw data({ error: 'Please send this form as a normal web form.' }, { status: 415 })
	}
	try {
		if (type === 'multipart/form-data') {
			return await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_PART_BYTES }))
		}
		return await request.formData()
	} catch (error) {
		if (error instanceof MaxPartSizeExceededError) {
			throw data({ error: 'That file is too large. Please choose a photo under 8 MB.' }, { status: 413 })
		}
		throw data({ error: 'We could not read that form. Please try again.' }, { status: 400 })
	}
}

/** A form field's text, or '' when it is missing or is a file rather than text. */
export function formValue(formData: FormData, name: string): string {
	const value = formData.get(name)
	return typeof value === 'string' ? value : ''
}

/**
 * Whether the browser says the request came from another site (a link or
 * form elsewhere). Requests without Sec-Fetch-Site (older browsers, other
 * clients) count as same-site, as the cross-site guard in server/app.ts does.
 */
export function isCrossSiteRequest(request: Request): boolean {
	const site = request.headers.get('sec-fetch-site')
	return Boolean(site) && site !== 'same-origin' && site !== 'none'
}
