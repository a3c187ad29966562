import { describe, expect, test } from 'vitest'
import { isUuid } from './ids.ts'

describe('isUuid', () => {
	test('accepts a canonical uuid in either case', () => {
		expect(isUuid('3f2b8c4e-1d2a-4b6c-9e8f-0a1b2c3d4e5f')).toBe(true)
		expect(isUuid('3F2B8C4E-1D2A-4B6C-9E8F-0A1B2C3D4E5F')).toBe(true)
	})
	test('refuses 36 dashes, 36 hex digits and anything that is not a string', () => {
		expect(isUuid('-'.repeat(36))).toBe(false)
		expect(isUuid('a'.repeat(36))).toBe(false)
		expect(isUuid('3f2b8c4e-1d2a-4b6c-9e8f-0a1b2c3d4e5')).toBe(false)
		expect(isUuid(undefined)).toBe(false)
		expect(isUuid(42)).toBe(false)
	})
})
