import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// The named export: CommonJS code gets an ES module's namespace from require(), not its default.
import { Provider } from 'oidc-provider';

/** The claims the provider releases about a person (besides `sub`, their login name). */
export type PersonClaims = Record<string, unknown>;

export interface TestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/**
 * A real OpenID Connect provider (oidc-provider) on a free port of 127.0.0.1, standing in for a SPID/CIE
 * gateway: authorization code flow with PKCE required, one confidential client, and the people in
 * `people` (keyed by the login typed on its sign-in page). Its sign-in and consent pages are the
 * library's development pages: any password is accepted.
 */
export class TestIdentityProvider {
  readonly people = new Map<string, PersonClaims>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(client: TestClient): Promise<TestIdentityProvider> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const idp = new TestIdentityProvider(server, issuer);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    // devInteractions warns on every start that it is for development only: that is the point here.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let provider: Provider;
    try {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: client.clientId,
            client_secret: client.clientSecret,
            redirect_uris: [client.redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        pkce: { required: () => true },
        // As SPID gateways do: the fiscal code comes with the profile.
        claims: {
          openid: ['sub'],
          profile: ['given_name', 'family_name', 'fiscal_number'],
          email: ['email', 'email_verified'],
        },
        findAccount: (_ctx, sub) => {
          const claims = idp.people.get(sub);
          return claims && { accountId: sub, claims: () => ({ ...claims, sub }) };
        },
        features: { devInteractions: { enabled: true } },
        // Set, so the library does not remind us that its defaults are placeholders (seconds).
        ttl: {
          AccessToken: 600,
          AuthorizationCode: 60,
          Grant: 3600,
          IdToken: 600,
          Interaction: 600,
          Session: 3600,
        },
        cookies: { keys: [randomBytes(32).toString('hex')] },
        jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'RS256', use: 'sig' }] },
      });
    } finally {
      warn.mockRestore();
    }
    server.on('request', provider.callback());
    return idp;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
