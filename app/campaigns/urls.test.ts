import { describe, expect, test } from 'vitest'
import { campaignPath, campaignUrl } from './urls.ts'

describe('campaign addresses', () => {
	test('a campaign page is /f/<slug>, and a subpage sits under it', () => {
		expect(campaignPath('polar-dip-2025')).toBe('/f/polar-dip-2025')
		expect(campaignPath('polar-dip-2025', 'donate')).toBe('/f/polar-dip-2025/donate')
		expect(campaignUrl('https://give.example.org', 'polar-dip-2025', 'qr.png')).toBe(
			'https://give.example.org/f/polar-dip-2025/qr.png',
		)
	})

	test('the slug and the query are encoded once, so a strange slug cannot change the path', () => {
		expect(campaignPath('a/b?c', 'report', { sent: '1' })).toBe('/f/a%2Fb%3Fc/report?sent=1')
		expect(campaignPath('run', 'donate', { cancelled: 'x&y=z' })).toBe('/f/run/donate?cancelled=x%26y%3Dz')
		expect(campaignPath('café')).toBe('/f/caf%C3%A9')
	})
})
