// Dev CA and leaf certificate for the SP-API simulator.
//
// Why openssl: node:crypto can generate keys but cannot issue X.509 certificates, and no
// certificate library (node-forge, pkijs, @peculiar/x509, selfsigned) is installed. The
// `openssl` CLI ships with Debian and Node's own TLS stack is OpenSSL, so shelling out once is
// the simplest robust option (a hand-written DER encoder would be ~300 lines of subtle code).
//
// The material is generated once and cached under `<repo>/.dev/amazon-sim-certs/` (gitignored);
// the cache is keyed by the SAN list, so adding a host regenerates it. Clients keep TLS
// verification strict by trusting `ca.pem` only (never `rejectUnauthorized: false`).
//
// DEV ONLY: the CA private key sits on disk unencrypted. Never add this CA to a production trust
// store.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Every host the simulator answers for (SNI + Host routing). */
export const AMAZON_SIM_HOSTS = [
  'api.amazon.com',
  'sellingpartnerapi-na.amazon.com',
  'sellingpartnerapi-eu.amazon.com',
  'sellingpartnerapi-fe.amazon.com',
  'sandbox.sellingpartnerapi-na.amazon.com',
  'sandbox.sellingpartnerapi-eu.amazon.com',
  'sandbox.sellingpartnerapi-fe.amazon.com',
  'sellercentral.amazon.com',
  'sellercentral-europe.amazon.com',
  'sellercentral.amazon.co.uk',
  'sellercentral.amazon.de',
  'sellercentral.amazon.co.jp',
  'sellercentral.amazon.com.au',
  'sellercentral.amazon.sg',
  'localhost',
] as const;

export interface SimulatorCertificates {
  /** PEM of the dev CA: what clients trust. */
  ca: string;
  /** PEM of the leaf (server) certificate. */
  cert: string;
  /** PEM of the leaf private key. */
  key: string;
  /** Directory holding ca.pem / cert.pem / key.pem. */
  dir: string;
  caPath: string;
}

const DEFAULT_DIR = path.resolve(import.meta.dirname, '../../../.dev/amazon-sim-certs');

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Returns the simulator's CA + leaf, generating them on first use. Generation happens in a
 * temporary directory and is moved into place atomically, so parallel test workers never read a
 * half-written set.
 */
export function loadOrCreateSimulatorCertificates(dir: string = DEFAULT_DIR): SimulatorCertificates {
  const fingerprint = createHash('sha256').update(AMAZON_SIM_HOSTS.join(',')).digest('hex').slice(0, 16);
  const target = path.join(dir, fingerprint);
  const files = {
    ca: path.join(target, 'ca.pem'),
    cert: path.join(target, 'cert.pem'),
    key: path.join(target, 'key.pem'),
  };
  if (!existsSync(files.ca) || !existsSync(files.cert) || !existsSync(files.key)) {
    mkdirSync(dir, { recursive: true });
    const work = path.join(tmpdir(), `amazon-sim-certs-${process.pid}-${Date.now()}`);
    mkdirSync(work, { recursive: true });
    try {
      generate(work);
      try {
        renameSync(work, target);
      } catch (error) {
        // Another process won the race: its set is equivalent.
        if (!existsSync(files.cert)) throw error;
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return {
    ca: readFileSync(files.ca, 'utf8'),
    cert: readFileSync(files.cert, 'utf8'),
    key: readFileSync(files.key, 'utf8'),
    dir: target,
    caPath: files.ca,
  };
}

function generate(work: string): void {
  // CA: EC P-256, self-signed, CA:TRUE, keyCertSign only.
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca-key.pem'], work);
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'ca-key.pem',
      '-sha256',
      '-days',
      '3650',
      '-subj',
      '/O=Packline dev/CN=Packline SP-API simulator dev CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
      '-out',
      'ca.pem',
    ],
    work,
  );
  // Leaf: EC P-256, SANs for every simulated host, serverAuth.
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'key.pem'], work);
  openssl(
    ['req', '-new', '-key', 'key.pem', '-subj', '/O=Packline dev/CN=api.amazon.com', '-out', 'leaf.csr'],
    work,
  );
  const san = [...AMAZON_SIM_HOSTS.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
  writeFileSync(
    path.join(work, 'leaf.ext'),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${san}`,
      '',
    ].join('\n'),
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-days',
      '825',
      '-sha256',
      '-extfile',
      'leaf.ext',
      '-out',
      'cert.pem',
    ],
    work,
  );
  for (const f of ['leaf.csr', 'leaf.ext', 'ca.srl']) rmSync(path.join(work, f), { force: true });
}
