import { z } from 'zod'
import { goalText, publishSchema, STORY_MAX, TITLE_MAX } from '#app/campaigns/campaign-schema.ts'
import { FORM_TOKEN_FIELD, formText, formTokenField } from '#app/utils/forms.ts'

export const TEAM_NAME_MAX = 60

/** The join form: the page (title, story, goal) and the team choice, each error beside its field. */
export const joinSchema = z
	.strictObject({
		title: formText({ error: 'Please give your page a title' })
			.trim()
			.min(5, 'Please give your page a title of at least 5 characters')
			.max(TITLE_MAX, `Your title must be at most ${TITLE_MAX} characters`),
		story: formText({ error: 'Please tell people why you are taking part' })
			.trim()
			.min(20, 'Please tell people why you are taking part (at least 20 characters)')
			.max(STORY_MAX, `Your story must be at most ${STORY_MAX.toLocaleString('en-GB')} characters`),
		goal: goalText,
		team: z.enum(['alone', 'start', 'join'], { error: 'Please choose how you take part' }),
		teamName: formText()
			.trim()
			.max(TEAM_NAME_MAX, `A team name must be at most ${TEAM_NAME_MAX} characters`)
			.optional(),
		teamGoal: formText().trim().optional(),
		teamId: formText().trim().optional(),
		/** Asked only of someone whose account has no name yet: a page names its organiser. */
		firstName: publishSchema.shape.firstName,
		lastName: publishSchema.shape.lastName,
		[FORM_TOKEN_FIELD]: formTokenField,
	})
	.superRefine((v, ctx) => {
		if (v.team === 'start') {
			if (!v.teamName || v.teamName.length < 2)
				ctx.addIssue({ code: 'custom', path: ['teamName'], message: 'Please name your team (at least 2 characters)' })
			const goal = goalText.safeParse(v.teamGoal ?? '')
			if (!goal.success)
				ctx.addIssue({
					code: 'custom',
					path: ['teamGoal'],
					message: goal.error.issues[0]?.message ?? 'Please set a goal',
				})
		}
		if (v.team === 'join' && !v.teamId)
			ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'Please choose the team you are joining' })
	})

export type JoinFormValues = z.infer<typeof joinSchema>

/** The participant's dashboard form: move to another team of the event, or (empty) out of any team. */
export const changeTeamSchema = z.strictObject({
	intent: z.literal('change-team'),
	teamId: formText()
		.trim()
		.optional()
		.transform((v) => v ?? ''),
})
