import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { FieldErrors, TextField } from '#app/components/form-fields.tsx'
import { GIFT_AID_HOUSE_MAX, GIFT_AID_NAME_MAX, GIFT_AID_TITLE_MAX } from './declaration-fields.ts'

type Text = FieldMetadata<string | null | undefined>

/**
 * The name and home address HMRC needs on a declaration, with "I live outside
 * the UK": the donation form's Gift Aid part and the declaration's own page
 * show the same fields (checked by declaration-fields.ts on the server).
 */
export function DeclarationDetailsFields({
	fields,
}: {
	fields: {
		title: Text
		firstName: Text
		lastName: Text
		houseNameOrNumber: Text
		postcode: Text
		overseas: FieldMetadata<boolean | null | undefined>
	}
}) {
	return (
		<>
			<div className="grid gap-4 sm:grid-cols-[6rem_1fr_1fr]">
				<TextField
					field={fields.title}
					label="Title"
					optional
					autoComplete="honorific-prefix"
					hint={`Up to ${GIFT_AID_TITLE_MAX} letters`}
				/>
				<TextField
					field={fields.firstName}
					label="First name"
					autoComplete="given-name"
					hint={`Up to ${GIFT_AID_NAME_MAX}`}
				/>
				<TextField
					field={fields.lastName}
					label="Last name"
					autoComplete="family-name"
					hint={`Up to ${GIFT_AID_NAME_MAX}`}
				/>
			</div>
			<div className="grid gap-4 sm:grid-cols-2">
				<TextField
					field={fields.houseNameOrNumber}
					label="House name or number"
					autoComplete="address-line1"
					hint={`Up to ${GIFT_AID_HOUSE_MAX} characters`}
				/>
				<TextField field={fields.postcode} label="Postcode" autoComplete="postal-code" hint="For example SW1A 1AA" />
			</div>
			<div className="flex items-start gap-3">
				<input
					{...getInputProps(fields.overseas, { type: 'checkbox' })}
					key={fields.overseas.key}
					className="mt-1 h-5 w-5 accent-brand"
				/>
				<label htmlFor={fields.overseas.id}>
					I live outside the UK (I pay UK Income Tax or Capital Gains Tax, and leave the postcode empty)
				</label>
			</div>
			<FieldErrors id={fields.overseas.errorId} errors={fields.overseas.errors} />
		</>
	)
}
