// Several delegate-servers over one PostgreSQL behind Debian's nginx, for the browser tests: a
// throwaway cluster (scripts/pg-cluster), two servers with folders of their own holding the same
// keys, and nginx round-robin in front of them (scripts/nginx-balancer), all on loopback ports.
// The result looks like startServer()'s: people use nginx's URL and never know which server
// answers them.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, startServer, freePort } = require('./support');

const NGINX = process.env.DELEGATE_NGINX || '/usr/sbin/nginx';

async function waitHealthy(url, proc, what, log) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`${what} exited: ${log()}`);
    try { if ((await fetch(url + 'api/health')).ok) return; } catch (e) { /* not yet */ }
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`${what} did not answer within 20 s: ${log()}`);
}

async function startBalanced(count = 2) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'delegate-balanced-'));
  // PostgreSQL runs as its own user when the tests run as root: it must reach its folder.
  fs.chmodSync(dir, 0o755);
  const pgPort = await freePort();
  const uri = execFileSync(path.join(ROOT, 'scripts/pg-cluster'),
                           ['start', path.join(dir, 'pg'), String(pgPort)]).toString().trim();
  const lbPort = await freePort();
  const url = `http://127.0.0.1:${lbPort}/`;
  const common = ['--store', uri, '--trusted-proxy', '127.0.0.1', '--public-url', url.slice(0, -1)];
  const servers = [];
  const stopAll = async () => {
    for (const s of servers) await s.stop();
    try { execFileSync(path.join(ROOT, 'scripts/pg-cluster'), ['stop', path.join(dir, 'pg')]); }
    catch (e) { /* already down */ }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // The first start seeds the operator; the others join with copies of its keys.
    for (let i = 0; i < count; ++i) {
      const data = path.join(dir, 'server' + i);
      fs.mkdirSync(data);
      if (i > 0)
        for (const key of ['offer-link.key', 'mfa.key'])
          fs.copyFileSync(path.join(dir, 'server0', key), path.join(data, key));
      servers.push(await startServer(['--data', data, ...common]));
    }
    const lb = path.join(dir, 'nginx');
    execFileSync(path.join(ROOT, 'scripts/nginx-balancer'),
                 [lb, String(lbPort), ...servers.map(s => String(s.port))]);
    let nginxOutput = '';
    const nginx = spawn(NGINX, ['-p', lb, '-c', path.join(lb, 'nginx.conf'),
                                '-e', path.join(lb, 'error.log'), '-g', 'daemon off;'],
                        { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stdout.on('data', d => { nginxOutput += d; });
    nginx.stderr.on('data', d => { nginxOutput += d; });
    const stopNginx = () => new Promise(resolve => {
      if (nginx.exitCode !== null) return resolve();
      nginx.once('exit', () => resolve());
      nginx.kill('SIGTERM');
    });
    await waitHealthy(url, nginx, 'nginx', () => nginxOutput);
    return {
      url, servers,
      credentials: () => servers[0].credentials(),
      // Which servers answered, from nginx's access log (one line per request).
      upstreamCounts: () => {
        const log = fs.readFileSync(path.join(lb, 'access.log'), 'utf8');
        return servers.map(s => log.split(`upstream=127.0.0.1:${s.port}`).length - 1);
      },
      stop: async () => { await stopNginx(); await stopAll(); },
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

module.exports = { startBalanced };
