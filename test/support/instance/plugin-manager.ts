// GlidePluginManager double: plugin state comes from instance.plugins (plugin id -> active).
// Evidence: E28 (GlidePluginManager.isActive from scope).
import { currentInstance } from './current.ts'

export class GlidePluginManager {
    static isActive(pluginId: string): boolean {
        return currentInstance().plugins.get(String(pluginId)) === true
    }

    /** Installed, active or not. */
    static isRegistered(pluginId: string): boolean {
        return currentInstance().plugins.has(String(pluginId))
    }
}
