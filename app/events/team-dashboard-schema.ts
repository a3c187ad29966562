import { z } from 'zod'
import { goalText } from '#app/campaigns/campaign-schema.ts'
import { FORM_TOKEN_FIELD, formText, formTokenField } from '#app/utils/forms.ts'

export const TEAM_MESSAGE_SUBJECT_MAX = 120
export const TEAM_MESSAGE_BODY_MAX = 5000

/** The captain sets the team's goal. */
export const teamGoalSchema = z.strictObject({
	intent: z.literal('team-goal'),
	goal: goalText,
})

/** The captain's one email to the whole team. */
export const teamMessageSchema = z.strictObject({
	intent: z.literal('team-message'),
	subject: formText({ error: 'Please give your email a subject' })
		.trim()
		.min(3, 'Please give your email a subject of at least 3 characters')
		.max(TEAM_MESSAGE_SUBJECT_MAX, `A subject must be at most ${TEAM_MESSAGE_SUBJECT_MAX} characters`),
	body: formText({ error: 'Please write your message' })
		.trim()
		.min(10, 'Please write a message of at least 10 characters')
		.max(
			TEAM_MESSAGE_BODY_MAX,
			`A message must be at most ${TEAM_MESSAGE_BODY_MAX.toLocaleString('en-GB')} characters`,
		),
	[FORM_TOKEN_FIELD]: formTokenField,
})
