import { getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { FieldErrors, TextField } from '#app/components/form-fields.tsx'
import { eventKindLabel } from '#app/events/kinds.ts'
import { EVENT_DESCRIPTION_MAX, eventKindValues } from './event-form-schema.ts'
import { type EventFields } from './event-form-types.ts'

/** What, when and where: name, kind, the date and start time in the charity's zone, the place and the description. */
export function EventBasicsFields({ fields, timeZone }: { fields: EventFields; timeZone: string }) {
	return (
		<fieldset className="space-y-6">
			<legend className="text-xl font-bold">The event</legend>
			<TextField field={fields.name} label="Name" hint="As people will see it, like “Polar Dip 2027”." />
			<div>
				<label htmlFor={fields.kind.id} className="field-label">
					Kind of event
				</label>
				<select {...getSelectProps(fields.kind)} key={fields.kind.key} className="field-input">
					{eventKindValues.map((kind) => (
						<option key={kind} value={kind}>
							{eventKindLabel(kind)}
						</option>
					))}
				</select>
				<FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
			</div>
			<div className="grid gap-6 sm:grid-cols-2">
				<TextField field={fields.date} label="Date" type="date" />
				<TextField field={fields.startTime} label="Start time" type="time" hint={`In ${timeZone} time.`} />
			</div>
			<TextField field={fields.place} label="Place" hint="The address, or how to find the start." />
			<TextField
				field={fields.mapUrl}
				label="Map link"
				type="url"
				hint="A link to a map of the place, starting with https://."
				optional
			/>
			<div>
				<label htmlFor={fields.description.id} className="field-label">
					Description
				</label>
				<p id={`${fields.description.id}-hint`} className="mb-1 text-sm text-muted">
					What happens on the day and why it matters. Use **bold**, *italic*, [links](https://example.org) and lists
					starting with “- ”. Up to {EVENT_DESCRIPTION_MAX.toLocaleString('en-GB')} characters.
				</p>
				<textarea
					{...getTextareaProps(fields.description, { ariaDescribedBy: `${fields.description.id}-hint` })}
					key={fields.description.key}
					rows={8}
					className="field-input"
				/>
				<FieldErrors id={fields.description.errorId} errors={fields.description.errors} />
			</div>
		</fieldset>
	)
}

/** The cover photo, through the same checked upload as campaign covers, and its description. */
export function EventCoverFields({ fields, coverImage }: { fields: EventFields; coverImage: string | null }) {
	return (
		<fieldset className="grid gap-6 sm:grid-cols-[auto_1fr]">
			<legend className="mb-4 text-xl font-bold">Cover photo</legend>
			{coverImage ? (
				<img
					src={coverImage}
					alt="Current cover"
					width={240}
					height={126}
					className="h-[126px] w-[240px] rounded-md object-cover"
				/>
			) : null}
			<div className="space-y-4">
				<div>
					<label htmlFor={fields.cover.id} className="field-label">
						Photo <span className="font-normal text-muted">(optional)</span>
					</label>
					<p id={`${fields.cover.id}-hint`} className="mb-1 text-sm text-muted">
						A JPEG, PNG or WebP photo under 8 MB. We crop it to a wide banner and remove location data.
					</p>
					<input
						{...getInputProps(fields.cover, { type: 'file', ariaDescribedBy: `${fields.cover.id}-hint` })}
						key={fields.cover.key}
						accept="image/jpeg,image/png,image/webp"
						className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand file:px-4 file:py-2 file:font-semibold file:text-white"
					/>
					<FieldErrors id={fields.cover.errorId} errors={fields.cover.errors} />
				</div>
				<TextField field={fields.coverAlt} label="Describe the photo" optional />
			</div>
		</fieldset>
	)
}
