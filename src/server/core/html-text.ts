// Pure: session messages (gs.addInfoMessage, gs.addErrorMessage) are rendered as HTML. Every text an admin sees there
// goes through escapeHtml, so names from records (connector, definition, source, endpoint) stay text. Rhino and Node.

export function escapeHtml(text: string): string {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
