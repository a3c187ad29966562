import { data } from '@remix-run/node'

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/**
 * Reads a form post, answering 415 for other content types and 400 for a
 * body that cannot be parsed, so garbage never reaches a route as a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
	if (!FORM_TYPES.includes(type)) {
		throw data({ error: 'Please send this form as a normal web form.' }, { status: 415 })
	}
	try {
		return await request.formData()
	} catch {
		throw data({ error: 'We could not read that form. Please try again.' }, { status: 400 })
	}
}
