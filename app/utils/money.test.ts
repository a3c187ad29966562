import { describe, expect, test } from 'vitest'
import { currencyExponent, formatMoney, parseMajorToMinor, progressPercent } from './money.ts'

describe('money', () => {
	test('knows how many minor digits each currency has', () => {
		expect(currencyExponent('GBP')).toBe(2)
		expect(currencyExponent('JPY')).toBe(0)
		expect(currencyExponent('KWD')).toBe(3)
	})

	test('formats integer minor units in the charity locale', () => {
		expect(formatMoney(123456, 'GBP', 'en-GB')).toBe('£1,234.56')
		expect(formatMoney(50000, 'GBP', 'en-GB', { wholeUnits: true })).toBe('£500')
		expect(formatMoney(50050, 'GBP', 'en-GB', { wholeUnits: true })).toBe('£500.50')
		expect(formatMoney(5000, 'JPY', 'en-GB')).toBe('JP¥5,000')
	})

	test('parses typed amounts into minor units without floating-point error', () => {
		expect(parseMajorToMinor('0.29', 'GBP')).toBe(29)
		expect(parseMajorToMinor('19.99', 'GBP')).toBe(1999)
		expect(parseMajorToMinor('1,000', 'GBP')).toBe(100000)
		expect(parseMajorToMinor('£25.5', 'GBP')).toBe(2550)
		expect(parseMajorToMinor('5000', 'JPY')).toBe(5000)
		expect(parseMajorToMinor('1.234', 'GBP')).toBeNull()
		expect(parseMajorToMinor('-5', 'GBP')).toBeNull()
		expect(parseMajorToMinor('ten', 'GBP')).toBeNull()
		expect(parseMajorToMinor('12.5', 'JPY')).toBeNull()
	})

	test('takes a comma only as a thousands separator in groups of three', () => {
		expect(parseMajorToMinor('1,000', 'GBP')).toBe(100_000)
		expect(parseMajorToMinor('1,000.50', 'GBP')).toBe(100_050)
		expect(parseMajorToMinor('12,345,678', 'GBP')).toBe(1_234_567_800)
		expect(parseMajorToMinor('£2,500', 'GBP')).toBe(250_000)
		expect(parseMajorToMinor('10,000', 'JPY')).toBe(10_000)
		// A decimal comma, an Indian-style grouping or a stray comma is not an amount we can guess.
		for (const text of [
			'25,00',
			'5,00',
			'1,00,000',
			'1,0000',
			',500',
			'500,',
			'1,,000',
			'1,000,00',
			'25, 00',
			'2 500',
			'25 00',
		]) {
			expect(parseMajorToMinor(text, 'GBP'), text).toBeNull()
		}
	})

	test('clamps progress to a whole percentage between 0 and 100', () => {
		expect(progressPercent(0, 1000)).toBe(0)
		expect(progressPercent(333, 1000)).toBe(33)
		expect(progressPercent(2500, 1000)).toBe(100)
		expect(progressPercent(-50, 1000)).toBe(0)
	})
})
