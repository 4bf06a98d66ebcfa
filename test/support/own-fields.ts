// A double row without the platform's bookkeeping (sys_*): the fields a test compares exactly with toEqual, so a
// field written by mistake shows up as a difference.
import type { Row } from './instance/store.ts'

export function ownFields(row: Row | null | undefined): Row | null {
    if (!row) return null
    return Object.fromEntries(Object.entries(row).filter(([field]) => !field.startsWith('sys_')))
}
