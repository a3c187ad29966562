import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { endCampaignSchema } from '#app/campaigns/campaign-schema.ts'
import { FieldErrors } from '#app/components/form-fields.tsx'
import { DashboardPanel } from './dashboard-panel.tsx'

/** Ending early asks for a tick first; the page stays up with its final total. */
export function EndCampaignForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
	const [form, fields] = useForm({
		id: 'end-campaign',
		lastResult,
		shouldValidate: 'onSubmit',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: endCampaignSchema }),
	})
	return (
		<DashboardPanel
			id="end"
			heading="End your fundraiser early"
			intro="Your page stays up with its final total and a thank-you; it stops taking donations."
		>
			<Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
				<input type="hidden" name="intent" value="end-campaign" />
				<div className="flex items-start gap-3">
					<input
						{...getInputProps(fields.confirm, { type: 'checkbox' })}
						key={fields.confirm.key}
						className="mt-1 h-5 w-5 accent-brand"
					/>
					<label htmlFor={fields.confirm.id}>Yes, end my fundraiser now</label>
				</div>
				<FieldErrors id={fields.confirm.errorId} errors={fields.confirm.errors} />
				<button
					type="submit"
					className="btn border-2 border-red-800 bg-white px-4 py-2 text-sm text-red-800 hover:bg-red-50"
				>
					End fundraiser
				</button>
			</Form>
		</DashboardPanel>
	)
}
