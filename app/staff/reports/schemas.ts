import { z } from 'zod'
import { formText } from '#app/utils/forms.ts'

const NOTE_MAX = 1000

/** Closing a public report: the route's action and the form's checks in the browser share it. */
export const resolveSchema = z.strictObject({
	intent: z.literal('resolve'),
	reportId: z.uuid('Choose a report'),
	outcome: z.enum(['resolved', 'dismissed'], { error: 'Choose whether you acted on the report or dismissed it' }),
	note: formText({ error: 'Please write a note about what you found' })
		.trim()
		.min(1, 'Please write a note about what you found')
		.max(NOTE_MAX, `Please keep the note to ${NOTE_MAX.toLocaleString('en-GB')} characters`),
	hideCampaign: z
		.boolean()
		.optional()
		.transform((v) => v ?? false),
})
