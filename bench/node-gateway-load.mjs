// Closed-loop load through a peer's Gateway with the official Node client (@hyperledger/fabric-gateway), with the
// same knobs and the same JSON line as `medchain-fabric load`, to compare the clients' CPU per transaction.
// Not a project dependency: install the client elsewhere and point NODE_PATH at it (bench/gateway-clients.sh does).
//
//   node bench/node-gateway-load.mjs --endpoint 127.0.0.1:27151 --tls-ca ca.pem --server-name peer0... \
//     --msp-id Org1MSP --msp-dir users/User1@.../msp --channel medchain --chaincode kv \
//     --mode submit --concurrency 64 --duration 30 --warmup 5 Put 'key-{n}' 'value-{n}'
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey } from 'node:crypto';

const require = createRequire(join(process.env.NODE_PATH ?? process.cwd(), 'x.js'));
const grpc = require('@grpc/grpc-js');
const { connect, signers } = require('@hyperledger/fabric-gateway');

const opts = { mode: 'evaluate', concurrency: 16, duration: 30, warmup: 5 };
const positional = [];
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a.startsWith('--')) opts[a.slice(2).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = process.argv[++i];
  else positional.push(a);
}
const [fn, ...pattern] = positional;
const concurrency = Number(opts.concurrency), duration = Number(opts.duration) * 1000, warmup = Number(opts.warmup) * 1000;

// {n} transaction number, {n%K} it modulo K, {w} worker index: the CLI's placeholders.
const expand = (n, w) => pattern.map(p => p.replace(/\{n%(\d+)\}|\{n\}|\{w\}/g, (m, k) => (k ? n % Number(k) : m === '{w}' ? w : n).toString()));

const certPath = opts.cert ?? join(opts.mspDir, 'signcerts', readdirSync(join(opts.mspDir, 'signcerts'))[0]);
const keyPath = opts.key ?? join(opts.mspDir, 'keystore', readdirSync(join(opts.mspDir, 'keystore'))[0]);
const credentials = opts.tlsCa ? grpc.credentials.createSsl(readFileSync(opts.tlsCa)) : grpc.credentials.createInsecure();
const client = new grpc.Client(opts.endpoint, credentials, opts.serverName ? { 'grpc.ssl_target_name_override': opts.serverName } : {});
const gateway = connect({
  client,
  identity: { mspId: opts.mspId, credentials: readFileSync(certPath) },
  signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(keyPath))),
});
const contract = gateway.getNetwork(opts.channel).getContract(opts.chaincode);

const kind = e => {
  const code = e?.code !== undefined ? `:${e.code}` : '';
  return `${e?.name ?? 'Error'}${code}`;
};
async function one(args) {
  if (opts.mode === 'evaluate') { await contract.evaluate(fn, { arguments: args }); return null; }
  const commit = await contract.submitAsync(fn, { arguments: args });
  const status = await commit.getStatus();
  return status.successful ? null : `commit:${status.code}`;
}

const start = performance.now();
let seq = -1, cpuStart, measureStart;
const latencies = [], errors = {};
setTimeout(() => { cpuStart = process.cpuUsage(); measureStart = performance.now(); }, warmup);
async function worker(w) {
  for (;;) {
    const startedAt = performance.now();
    if (startedAt - start >= warmup + duration) return;
    let error;
    try { error = await one(expand(++seq, w)); } catch (e) { error = kind(e); }
    if (startedAt - start < warmup) continue;
    if (error) errors[error] = (errors[error] ?? 0) + 1; else latencies.push(performance.now() - startedAt);
  }
}
await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
const elapsed = (performance.now() - measureStart) / 1000;
const cpu = process.cpuUsage(cpuStart);
gateway.close();
client.close();

latencies.sort((a, b) => a - b);
const pct = p => latencies.length ? latencies[Math.min(Math.max(Math.ceil(p / 100 * latencies.length), 1), latencies.length) - 1] : 0;
const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
console.log(JSON.stringify({
  Mode: opts.mode, Function: fn, Concurrency: concurrency, DurationSeconds: round(elapsed, 3),
  Transactions: latencies.length, Errors: errorCount, TransactionsPerSecond: round(latencies.length / elapsed, 1),
  LatencyP50Milliseconds: round(pct(50), 2), LatencyP99Milliseconds: round(pct(99), 2),
  ClientCpuMillisecondsPerTransaction: round((cpu.user + cpu.system) / 1000 / (latencies.length + errorCount), 3),
  ErrorsByKind: errors,
}));
