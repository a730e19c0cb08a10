import { ChildProcess, spawn } from 'node:child_process';
import { createHmac, createPrivateKey, generateKeyPairSync, KeyObject, randomBytes, sign as cryptoSign } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const SCRIPT = join(__dirname, 'oidc-provider-process.mjs');

/** Claims of one account at the provider (login = subject). */
export interface TestAccountClaims {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface OidcTestProviderOptions {
  /** the `aud` of the API's bearer tokens */
  audience: string;
  accounts?: Record<string, TestAccountClaims>;
  /** what the machine client's (client_credentials) access tokens say about it */
  machineClaims?: TestAccountClaims;
}

export interface OidcTestProvider {
  issuer: string;
  client: { id: string; secret: string };
  machineClient: { id: string; secret: string };
  /** the provider's signing key (RS256), to mint tokens it could have issued */
  signingKey: { kid: string; privateKey: KeyObject; publicKey: KeyObject };
  /**
   * Registers the web client's redirect URI (<API base URL>/auth/oidc/callback) and starts
   * answering: the API is started with the issuer, so its port is known only after this starts.
   */
  setRedirectUri(uri: string): Promise<void>;
  /** adds or changes an account */
  setAccount(login: string, claims: TestAccountClaims): Promise<void>;
  /** a JWT access token from the provider's token endpoint, for the machine client (client_credentials) */
  clientCredentialsToken(): Promise<string>;
  stop(): Promise<void>;
}

const b64 = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/** A compact JWS signed RS256 with `key`: what the provider (or an impostor with another key) would send. */
export function signRs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64({ alg: 'RS256', typ: 'at+jwt', ...header })}.${b64(payload)}`;
  return `${input}.${cryptoSign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** An unsigned token (`alg: none`), as an attacker would send it. */
export function unsignedJwt(payload: Record<string, unknown>): string {
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

/** HS256 "signed" with `secret`: the HS/RS confusion attack uses the provider's public key as the HMAC secret. */
export function signHs256(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string | Buffer): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT', ...header })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export function newRsaKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/**
 * Starts the `oidc-provider` package (ES modules only, so in a child process with plain node)
 * on 127.0.0.1 on a free port (it answers once setRedirectUri has been called), with one confidential web client for the API, one machine client
 * (client_credentials, JWT access tokens for `audience`) and the given accounts.
 */
export async function startOidcTestProvider(options: OidcTestProviderOptions): Promise<OidcTestProvider> {
  const keys = newRsaKey();
  const kid = `test-${randomBytes(4).toString('hex')}`;
  const privateJwk = { ...keys.privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const client = { id: 'aigov-web', secret: randomBytes(24).toString('base64url') };
  const machineClient = { id: 'aigov-robot', secret: randomBytes(24).toString('base64url') };
  const config = {
    jwks: { keys: [privateJwk] },
    audience: options.audience,
    client,
    machineClient: { ...machineClient, claims: options.machineClaims ?? {} },
    accounts: options.accounts ?? {},
  };
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, OIDC_TEST_PROVIDER: JSON.stringify(config), NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test OpenID Provider did not start in 20 s:\n${stderr}`)), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test OpenID Provider exited (${code}):\n${stderr}`));
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      } catch {
        reject(new Error(`unexpected first line from the test OpenID Provider: ${line}\n${stderr}`));
      }
    });
  });

  return {
    issuer,
    client,
    machineClient,
    signingKey: { kid, privateKey: createPrivateKey({ key: privateJwk, format: 'jwk' }), publicKey: keys.publicKey },
    async setRedirectUri(redirectUri) {
      const response = await fetch(`${issuer}/__test/redirect-uri`, { method: 'PUT', body: JSON.stringify({ redirectUri }) });
      if (response.status !== 204) throw new Error(`setting the redirect URI failed: ${response.status}`);
    },
    async setAccount(login, claims) {
      const response = await fetch(`${issuer}/__test/accounts/${encodeURIComponent(login)}`, { method: 'PUT', body: JSON.stringify(claims) });
      if (response.status !== 204) throw new Error(`setting account ${login} failed: ${response.status}`);
    },
    async clientCredentialsToken() {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${machineClient.id}:${machineClient.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', resource: options.audience }).toString(),
      });
      const body = (await response.json()) as { access_token?: string };
      if (response.status !== 200 || !body.access_token) throw new Error(`client_credentials failed: ${response.status} ${JSON.stringify(body)}`);
      return body.access_token;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
