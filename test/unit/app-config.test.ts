import { parseAppConfig } from '../../src/server/core/app-config'
import { PROPERTY } from '../../src/server/core/app-names'

describe('app properties', () => {
    it('uses the documented defaults when properties are empty', () => {
        expect(parseAppConfig({})).toEqual({
            keyLifetimeDays: 90,
            expiryWarningDays: 14,
            sourceOverride: '',
            awsConnectorDefinitions: [],
            mapTableApiPolicies: false,
            instanceBaseUrl: '',
            instanceBaseUrlConfirmedHost: '',
            integrationUserName: 'aws.sns.integration',
            keepBasicAuthMapped: true,
            rotationGraceDays: 7,
            noDataHours: 24,
        })
    })

    it.each([
        [PROPERTY.keyLifetimeDays, '0'],
        [PROPERTY.keyLifetimeDays, 'ninety'],
        [PROPERTY.keyLifetimeDays, '3651'],
        [PROPERTY.expiryWarningDays, '-1'],
        [PROPERTY.rotationGraceDays, '91'],
        [PROPERTY.noDataHours, '0'],
        [PROPERTY.keepBasicAuthMapped, 'yes'],
        [PROPERTY.integrationUser, 'bad user^name'],
    ])('rejects %s=%s with a message naming the property', (name, value) => {
        expect(() => parseAppConfig({ [name]: value })).toThrow(name)
    })

    it('refuses a warning window as long as the key lifetime', () => {
        expect(() => parseAppConfig({ [PROPERTY.keyLifetimeDays]: '10', [PROPERTY.expiryWarningDays]: '10' })).toThrow(/must be smaller/)
    })

    it('reads false and trims values', () => {
        const config = parseAppConfig({ [PROPERTY.keepBasicAuthMapped]: ' false ', [PROPERTY.instanceBaseUrl]: ' https://alarms.example.com ' })
        expect(config.keepBasicAuthMapped).toBe(false)
        expect(config.instanceBaseUrl).toBe('https://alarms.example.com')
    })
})
