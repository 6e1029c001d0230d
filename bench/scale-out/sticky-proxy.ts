// The load balancer of bench/scale-out: http-proxy in front of the API processes, sticky by a cookie
// (`convergo_lb=<upstream index>`), as socket.io needs for HTTP long-polling (docker/nginx.conf does
// the same by client address, which here would send every client to one process: they all come
// from 127.0.0.1). A request without the cookie gets the next upstream in turn and, over HTTP, the
// cookie with the answer. Websockets are proxied as upgrades; bench clients set the cookie
// themselves to split evenly. Env: UPSTREAMS (comma-separated base URLs), PORT (0: any).
// Prints `LISTENING <port>`; GET /__proxy/lanes answers the websockets opened per upstream.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import httpProxy from 'http-proxy';
import { LANE_COOKIE } from '../fanout/protocol';

const upstreams = (process.env.UPSTREAMS ?? '').split(',').filter(Boolean);
if (upstreams.length === 0) throw new Error('UPSTREAMS is empty');
const websockets = upstreams.map(() => 0);
let turn = 0;

const LANE = new RegExp(`(?:^|;\\s*)${LANE_COOKIE}=(\\d+)`);
/** The upstream a request sticks to, and whether it came without a (valid) cookie. */
function laneOf(req: http.IncomingMessage): { lane: number; fresh: boolean } {
  const match = LANE.exec(req.headers.cookie ?? '');
  const lane = match ? Number(match[1]) : NaN;
  if (Number.isInteger(lane) && lane < upstreams.length) return { lane, fresh: false };
  turn = (turn + 1) % upstreams.length;
  return { lane: turn, fresh: true };
}

const proxy = httpProxy.createProxyServer({
  xfwd: true,
  agent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
});
const freshLanes = new WeakMap<http.IncomingMessage, number>();
proxy.on('proxyRes', (proxyRes, req) => {
  const lane = freshLanes.get(req);
  if (lane === undefined) return;
  const cookie = `${LANE_COOKIE}=${lane}; Path=/; HttpOnly; SameSite=Lax`;
  proxyRes.headers['set-cookie'] = [...(proxyRes.headers['set-cookie'] ?? []), cookie];
});
proxy.on('error', (error, _req, res) => {
  if (res instanceof http.ServerResponse) {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`proxy: ${error.message}`);
  } else {
    res.destroy();
  }
});

const server = http.createServer((req, res) => {
  if (req.url === '/__proxy/lanes') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ upstreams, websockets }));
    return;
  }
  const { lane, fresh } = laneOf(req);
  if (fresh) freshLanes.set(req, lane);
  proxy.web(req, res, { target: upstreams[lane] });
});
server.on('upgrade', (req: http.IncomingMessage, socket, head: Buffer) => {
  const { lane } = laneOf(req);
  websockets[lane]++;
  proxy.ws(req, socket, head, { target: upstreams[lane] });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${(server.address() as AddressInfo).port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
