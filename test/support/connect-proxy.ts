// A loopback HTTP proxy that only tunnels (CONNECT host:port), as corporate proxies do for HTTPS, and counts each
// tunnel it opens, by target. `refuse` makes it answer every CONNECT with 403, as a proxy that blocks a host.
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'

export class ConnectProxy {
    readonly tunnels: string[] = []
    refuse = false
    private server: http.Server | null = null
    private sockets = new Set<net.Socket>()
    private port = 0

    get url(): string {
        return `http://127.0.0.1:${this.port}`
    }

    async start(): Promise<void> {
        const server = http.createServer((_req, res) => {
            res.writeHead(405, { 'Content-Type': 'text/plain' })
            res.end('this proxy only tunnels (CONNECT)')
        })
        server.on('connection', (s: net.Socket) => {
            this.sockets.add(s)
            s.on('close', () => this.sockets.delete(s))
        })
        server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
            const target = String(req.url)
            this.tunnels.push(target)
            if (this.refuse) {
                client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')
                return
            }
            const cut = target.lastIndexOf(':')
            const upstream = net.connect(Number(target.slice(cut + 1)), target.slice(0, cut) === 'localhost' ? '127.0.0.1' : target.slice(0, cut), () => {
                client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
                upstream.write(head)
                upstream.pipe(client)
                client.pipe(upstream)
            })
            this.sockets.add(upstream)
            upstream.on('close', () => this.sockets.delete(upstream))
            upstream.on('error', () => client.destroy())
            client.on('error', () => upstream.destroy())
        })
        this.server = server
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
        this.port = (server.address() as AddressInfo).port
    }

    async stop(): Promise<void> {
        for (const s of this.sockets) s.destroy()
        if (!this.server) return
        const server = this.server
        this.server = null
        await new Promise<void>((resolve) => server.close(() => resolve()))
    }
}
