// The Topic ARN set on the AWS endpoint feeds the reveal's snippets (never an example ARN), the dialog's earlier expiry
// reaches the key through the GlideAjax entry, each key button shows only where its action succeeds, and Revoke works
// from the push connector instance form too.
import { GlideRecord } from '@servicenow/glide'
import { TABLE } from '../../src/server/core/app-names'
import { handleKeyAjax } from '../../src/server/actions/key-ajax'
import { type KeyButton, keyButtonVisible } from '../../src/server/actions/key-button-visibility'
import { revokeKeyAction } from '../../src/server/actions/revoke-action'
import { sendTestAlarmAction } from '../../src/server/actions/test-alarm-action'
import { type GenerateInput, type GenerateResult, generateEndpointKey } from '../../src/server/keys/generate-service'
import { revokeEndpointKeys } from '../../src/server/keys/revoke-service'
import { addDays } from '../../src/server/keys/key-rules'
import { CANARY, changedTables, instanceWithApp, repairAsApiAdmin } from '../support/app-on-instance'
import { FakeAction, type Instance } from '../support/instance'

const CONNECTOR_TABLE = 'sn_em_connector_push_instance'
const TOPIC = 'arn:aws:sns:eu-west-1:210987654321:prod-alarms'

function ready(): { instance: Instance; connector: string } {
    const instance = instanceWithApp()
    repairAsApiAdmin(true)
    return { instance, connector: instance.row(CONNECTOR_TABLE, 'active=true')?.sys_id as string }
}

function endpointFor(instance: Instance, connector: string, topicArn: string): string {
    return instance.insertRow(TABLE.endpoint, { name: 'prod', connector_sys_id: connector, source: 'AWS', status: 'new', topic_arn: topicArn })
}

function ok(result: GenerateResult): Extract<GenerateResult, { ok: true }> {
    if (!result.ok) throw new Error(result.message)
    return result
}

const generate = (input: Partial<GenerateInput> & { table: string; sysId: string }): GenerateResult =>
    generateEndpointKey({ mode: 'generate', ...input })

describe('Topic ARN in the reveal', () => {
    it.each([
        ['the endpoint form', (c: string, e: string) => ({ table: TABLE.endpoint, sysId: e || c })],
        ['the push connector instance form', (c: string) => ({ table: CONNECTOR_TABLE, sysId: c })],
    ])('uses the Topic ARN saved on the endpoint, from %s', (_name, target) => {
        const { instance, connector } = ready()
        const endpoint = endpointFor(instance, connector, TOPIC)
        const result = ok(generate(target(connector, endpoint)))
        expect([result.topicArn, result.topicArnMissing, result.topicArnHelp]).toEqual([TOPIC, false, ''])
        expect(result.subscribeCommand).toBe(`aws sns subscribe --topic-arn '${TOPIC}' --protocol https --notification-endpoint '${result.endpoint}'`)
        // The endpoint is a NoEcho parameter: the template carries the topic, never the key.
        expect(result.cloudFormation).toContain(`Default: '${TOPIC}'`)
        expect(result.cloudFormation).toContain('NoEcho: true')
        expect(result.cloudFormation).not.toContain(CANARY)
        expect(result.terraform).toContain(TOPIC)
        expect(result.terraform).not.toContain(CANARY)
        expect(result.endpoint).toContain(CANARY)
        // No example account or topic anywhere in what the dialog receives.
        expect(JSON.stringify(result)).not.toMatch(/123456789012|:servicenow-alarms\b/)
        expect(instance.findSecret(CANARY)).toEqual([])
    })

    it('prefers the Topic ARN the dialog sends (the value on the form) over the saved one', () => {
        const { instance, connector } = ready()
        const endpoint = endpointFor(instance, connector, TOPIC)
        const typed = 'arn:aws-us-gov:sns:us-gov-west-1:111122223333:gov-alarms'
        const result = ok(generate({ table: TABLE.endpoint, sysId: endpoint, topicArn: typed }))
        expect(result.subscribeCommand).toContain(`--topic-arn '${typed}'`)
        expect(result.subscribeCommand).not.toContain(TOPIC)
    })

    it('without a Topic ARN shows the endpoint only and says where to set it', () => {
        const { connector } = ready()
        const result = ok(generate({ table: CONNECTOR_TABLE, sysId: connector }))
        expect([result.topicArn, result.topicArnMissing, result.subscribeCommand, result.cloudFormation, result.terraform]).toEqual(['', true, '', '', ''])
        expect(result.topicArnHelp).toMatch(/set Topic ARN on the AWS endpoint form/)
        expect(JSON.stringify(result)).not.toMatch(/arn:aws/)
    })

    it('refuses a bad saved Topic ARN before creating anything, naming the field', () => {
        const { instance, connector } = ready()
        const endpoint = endpointFor(instance, connector, 'arn:aws:sns:us-east-1:210987654321:orders.fifo')
        const before = instance.snapshot()
        const result = generate({ table: TABLE.endpoint, sysId: endpoint })
        expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Topic ARN: is a FIFO topic/) })
        expect(changedTables(instance.diff(before))).toEqual([`${TABLE.audit}:+1 ~0 -0`])
        expect(instance.rows('api_key')).toHaveLength(0)
    })
})

describe('earlier expiry from the dialog', () => {
    it('reaches the key through the GlideAjax entry, and a bad one is refused with the field named', () => {
        const { instance, connector } = ready()
        const earlier = `${addDays(instance.clock.now(), 10).slice(0, 10)} 00:00:00`
        const bad = JSON.parse(handleKeyAjax('generate', { table: CONNECTOR_TABLE, sysId: connector, topicArn: '', expires: '2020-01-01 00:00:00' }))
        expect(bad).toEqual({ ok: false, message: expect.stringMatching(/^expires: 2020-01-01 00:00:00 is in the past/) })
        expect(instance.rows('api_key')).toHaveLength(0)
        const answer = JSON.parse(handleKeyAjax('generate', { table: CONNECTOR_TABLE, sysId: connector, topicArn: '', expires: earlier }))
        expect([answer.ok, answer.expires, answer.keyRecordPath]).toEqual([true, earlier, `api_key.do?sys_id=${instance.rows('api_key')[0]?.sys_id}`])
        expect(instance.rows('api_key')[0].expires).toBe(earlier)
    })
})

describe('key buttons show only where they can succeed', () => {
    const visible = (table: string, sysId: string): KeyButton[] =>
        (['generate', 'rotate', 'revoke'] as KeyButton[]).filter((b) => keyButtonVisible(b, table, sysId))

    it('follows the key through generate, rotate, revoke and a key the platform deleted, on both forms', () => {
        const { instance, connector } = ready()
        const endpoint = endpointFor(instance, connector, '')
        expect(visible(TABLE.endpoint, endpoint)).toEqual(['generate'])
        expect(visible(CONNECTOR_TABLE, connector)).toEqual(['generate'])

        ok(generate({ table: TABLE.endpoint, sysId: endpoint }))
        expect(visible(TABLE.endpoint, endpoint)).toEqual(['rotate', 'revoke'])
        expect(visible(CONNECTOR_TABLE, connector)).toEqual(['rotate', 'revoke'])
        // Where Generate is hidden it would fail; where Rotate shows it succeeds.
        expect(generate({ table: TABLE.endpoint, sysId: endpoint }).ok).toBe(false)
        instance.tokens.queue('now_SECONDtokenAFTERrotation0123456789')
        ok(generateEndpointKey({ table: CONNECTOR_TABLE, sysId: connector, mode: 'rotate' }))
        expect(visible(TABLE.endpoint, endpoint)).toEqual(['rotate', 'revoke'])

        expect(revokeEndpointKeys(endpoint).ok).toBe(true)
        expect(visible(TABLE.endpoint, endpoint)).toEqual(['generate'])
        expect(visible(CONNECTOR_TABLE, connector)).toEqual(['generate'])
        // Where Rotate and Revoke are hidden they would fail.
        expect(generateEndpointKey({ table: TABLE.endpoint, sysId: endpoint, mode: 'rotate' }).ok).toBe(false)
        expect(revokeEndpointKeys(endpoint).ok).toBe(false)

        instance.tokens.queue('now_THIRDtokenAFTERrevoke0123456789ab')
        ok(generate({ table: TABLE.endpoint, sysId: endpoint }))
        instance.deleteRows('api_key', 'active=true') // the platform's cleanup job removed the key
        expect(visible(TABLE.endpoint, endpoint)).toEqual(['generate', 'revoke'])
        instance.tokens.queue('now_FOURTHtokenAFTERcleanup0123456789a')
        ok(generate({ table: TABLE.endpoint, sysId: endpoint }))
    })

    it('hides every key button on an inactive push connector instance, where Generate is refused', () => {
        const { instance, connector } = ready()
        instance.updateRows(CONNECTOR_TABLE, `sys_id=${connector}`, { active: 'false' })
        expect(visible(CONNECTOR_TABLE, connector)).toEqual([])
        expect(generate({ table: CONNECTOR_TABLE, sysId: connector })).toEqual({ ok: false, message: expect.stringMatching(/is inactive/) })
    })

    it('shows nothing on other tables or for a malformed record id', () => {
        const { connector } = ready()
        expect(visible('incident', connector)).toEqual([])
        expect(visible(TABLE.endpoint, 'abc')).toEqual([])
    })
})

describe('names from records in the messages an admin sees (issue 15, item 7)', () => {
    const HOSTILE = '<img src=x onerror=alert(1)>'

    it('escapes a hostile connector and endpoint name in session messages, and keeps it plain text in the JSON answer', () => {
        const { instance, connector } = ready()
        instance.updateRows(CONNECTOR_TABLE, `sys_id=${connector}`, { name: HOSTILE })
        ok(generate({ table: CONNECTOR_TABLE, sysId: connector }))
        const endpoint = instance.row(TABLE.endpoint, `connector_sys_id=${connector}`)
        expect(endpoint?.name).toBe(`${HOSTILE} (aws)`)
        // Rotate refused for an endpoint without an active key names the connector: the GlideAjax JSON carries plain
        // text (the dialogs escape it before g_form renders it, test/browser/reveal-dialog.test.ts).
        instance.updateRows(CONNECTOR_TABLE, `sys_id=${connector}`, { active: 'false' })
        const refused = JSON.parse(handleKeyAjax('rotate', { table: CONNECTOR_TABLE, sysId: connector, topicArn: '', expires: '' }))
        expect(refused).toEqual({ ok: false, message: `Push connector instance "${HOSTILE}" is inactive. Activate it first: SNS deliveries to an inactive connector are dropped.` })
        // Send test alarm on an endpoint without an active key: the session message (rendered as HTML) holds the name as text.
        instance.updateRows('api_key', '', { active: 'false' })
        instance.sessionMessages.length = 0
        const current = new GlideRecord(TABLE.endpoint)
        expect(current.get(String(endpoint?.sys_id))).toBe(true)
        sendTestAlarmAction(current, new FakeAction() as never)
        expect(instance.sessionMessages).toEqual([{
            type: 'error',
            message: 'Endpoint &quot;&lt;img src=x onerror=alert(1)&gt; (aws)&quot; has no active, unexpired key, so SNS deliveries get HTTP 401. Click &quot;Generate API key &amp; AWS endpoint&quot; or &quot;Rotate API key&quot; first.',
        }])
        expect(instance.sessionMessages.map((m) => m.message).join(' ')).not.toMatch(/<img/)
        expect(instance.findSecret(CANARY)).toEqual([])
    })
})

describe('Revoke from the push connector instance form', () => {
    function clickRevoke(table: string, sysId: string): FakeAction {
        const current = new GlideRecord(table)
        expect(current.get(sysId)).toBe(true)
        const action = new FakeAction()
        revokeKeyAction(current, action as never)
        return action
    }

    it('revokes the keys of every endpoint of that connector and says so', () => {
        const { instance, connector } = ready()
        ok(generate({ table: CONNECTOR_TABLE, sysId: connector }))
        instance.sessionMessages.length = 0
        clickRevoke(CONNECTOR_TABLE, connector)
        expect(instance.rows('api_key', 'active=true')).toHaveLength(0)
        expect(instance.sessionMessages).toEqual([{ type: 'info', message: expect.stringMatching(/^Revoked 1 key\(s\)/) }])
        expect(instance.redirects.map((r) => r.url)).toEqual([`${CONNECTOR_TABLE}.do?sys_id=${connector}`])
    })

    it('says there is nothing to revoke, without writing anything', () => {
        const { instance, connector } = ready()
        const before = instance.snapshot()
        clickRevoke(CONNECTOR_TABLE, connector)
        expect(instance.sessionMessages).toEqual([{ type: 'error', message: 'This push connector instance has no AWS endpoint with an active key to revoke.' }])
        expect(changedTables(instance.diff(before))).toEqual([])
    })
})
