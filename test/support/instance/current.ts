// The instance the Glide doubles act on. freshInstance() (index.ts) replaces it; there is one per test.
import type { Instance } from './instance.ts'

let current: Instance | null = null

export function setCurrentInstance(instance: Instance | null): void {
    current = instance
}

export function currentInstance(): Instance {
    if (!current) throw new Error('No instance double is current: call freshInstance() (test/support/instance) first, e.g. in beforeEach.')
    return current
}
