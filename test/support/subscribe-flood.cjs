// The attacker of test/realtime-flood as its own process: a flood comes from other machines, so
// the server under test must not share its event loop with the flood's clients.
// Usage: node subscribe-flood.cjs <baseUrl> <token> <sockets> <subscribesPerSocket> <room>...
// Prints JSON lines: { "ready": true } once connected, { "flooding": true } at the first answer,
// then { "codes": { "<code>": count } }.
const { io } = require('socket.io-client');

const [baseUrl, token, sockets, perSocket, ...rooms] = process.argv.slice(2);

function connect() {
  const socket = io(baseUrl, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { token },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function main() {
  const clients = await Promise.all(Array.from({ length: Number(sockets) }, connect));
  process.stdout.write(JSON.stringify({ ready: true }) + '\n');
  // The go signal: one line on stdin, so the test starts its probes before the flood.
  await new Promise((resolve) => process.stdin.once('data', resolve));
  let first = true;
  const answers = await Promise.all(
    clients.flatMap((socket) =>
      Array.from({ length: Number(perSocket) }, (_, i) =>
        socket
          .timeout(60_000)
          .emitWithAck('subscribe', { room: rooms[i % rooms.length] })
          .then((ack) => {
            if (first) process.stdout.write(JSON.stringify({ flooding: true }) + '\n');
            first = false;
            return ack.ok ? 'ok' : ack.error.code;
          })
          .catch(() => 'timeout'),
      ),
    ),
  );
  const codes = {};
  for (const code of answers) codes[code] = (codes[code] ?? 0) + 1;
  process.stdout.write(JSON.stringify({ codes }) + '\n');
  for (const socket of clients) socket.disconnect();
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exit(1);
});
