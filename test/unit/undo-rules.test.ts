// The pure rule Undo Repair applies to one recorded change, given the record as it is now (repair-changes-rules.ts).
import { type AppliedChange, decideUndo } from '../../src/server/setup/repair-changes-rules'

const API = 'a'.repeat(32)
const OTHER_API = 'b'.repeat(32)

/** Repair wrote the policy's REST API; the instance ignored it (E2), so Repair asked the admin to set it on the form. */
const ignoredApiWrite: AppliedChange = {
    operation: 'update', table: 'sys_api_access_policy', sysId: 'c'.repeat(32),
    previous: { api: '' }, written: { api: '' }, asked: { api: API }, description: 'Policy: point it at the EM API.',
}

describe('decideUndo for a field the instance ignored when Repair wrote it (E2)', () => {
    it('restores the previous value once the admin set what Repair asked', () => {
        expect(decideUndo(ignoredApiWrite, { api: API })).toEqual({ kind: 'restore', fields: { api: '' } })
    })

    it('finds the record as before Repair when the admin never set it', () => {
        expect(decideUndo(ignoredApiWrite, { api: '' })).toEqual({ kind: 'already_reverted' })
    })

    it('keeps a third value the admin chose', () => {
        expect(decideUndo(ignoredApiWrite, { api: OTHER_API })).toEqual({ kind: 'kept_changed', fields: ['api'] })
    })

    it('deletes a record Repair created whether or not the admin set the asked field yet, and keeps it when set to a third value', () => {
        const created: AppliedChange = { ...ignoredApiWrite, operation: 'create', previous: {}, written: { name: 'ours', api: '' } }
        expect(decideUndo(created, { name: 'ours', api: '' })).toEqual({ kind: 'delete' })
        expect(decideUndo(created, { name: 'ours', api: API })).toEqual({ kind: 'delete' })
        expect(decideUndo(created, { name: 'ours', api: OTHER_API })).toEqual({ kind: 'kept_changed', fields: ['api'] })
    })
})

describe('decideUndo for a write the instance stored', () => {
    const stored: AppliedChange = { ...ignoredApiWrite, previous: { active: 'false' }, written: { active: 'true' }, asked: {} }

    it('restores what Repair changed, reads of 1 and 0 as booleans', () => {
        expect(decideUndo(stored, { active: 'true' })).toEqual({ kind: 'restore', fields: { active: 'false' } })
        expect(decideUndo({ ...stored, previous: { active: '0' }, written: { active: '1' } }, { active: '1' })).toEqual({ kind: 'restore', fields: { active: 'false' } })
    })

    it('finds a value put back by hand as already reverted, and keeps a deleted record as changed', () => {
        expect(decideUndo(stored, { active: 'false' })).toEqual({ kind: 'already_reverted' })
        expect(decideUndo(stored, null)).toEqual({ kind: 'kept_changed', fields: ['(record deleted)'] })
    })
})
