import { type DynamicModule, Module } from '@nestjs/common';
import { CatalogueModule } from '@piazza/catalogue';
import { type AppConfig, CoreModule, loggerOptions } from '@piazza/core';
import { IdentityModule } from '@piazza/identity';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './auth/access.guard';
import { AccountController } from './auth/account.controller';
import { AuthController } from './auth/auth.controller';
import { FirstAccessController } from './auth/first-access.controller';
import { OidcController } from './auth/oidc.controller';
import { SessionCache } from './auth/session-cache';
import { CatalogueApiModule } from './catalogue/catalogue-api.module';
import { DirectoryApiModule } from './directory/directory-api.module';
import { ProviderApiModule } from './provider/provider-api.module';
import { NoticesApiModule } from './notices/notices-api.module';
import { VouchersApiModule } from './vouchers/vouchers-api.module';
import { MerchantApiModule } from './merchant/merchant-api.module';
import { CommerceApiModule } from './commerce/commerce-api.module';
import { HouseholdController } from './household/household.controller';
import {
  AdminOrganisationsController,
  OrganisationsController,
} from './organisations/organisations.controller';
import { SocialHouseholdsController } from './social/social-households.controller';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { SettingsController } from './settings/settings.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            ...loggerOptions(config, 'api'),
            // The id Fastify gave the request (see create-api.ts), so log lines and errors share it.
            genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
            customLogLevel: (_req, res, error) =>
              error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            // Health checks come every few seconds from load balancers: not worth a line each. Nest's
            // middleware sees the path relative to its mount point, hence originalUrl.
            autoLogging: {
              ignore: (req) =>
                ((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '').startsWith(
                  '/api/health',
                ),
            },
            // One short line per request: no headers (cookies, user agents) in the logs.
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
        CoreModule.forRoot(config),
        IdentityModule,
        CatalogueModule,
        CatalogueApiModule,
        DirectoryApiModule,
        ProviderApiModule,
        VouchersApiModule,
        MerchantApiModule,
        NoticesApiModule,
        CommerceApiModule,
      ],
      controllers: [
        HealthController,
        SettingsController,
        AuthController,
        FirstAccessController,
        AccountController,
        OidcController,
        HouseholdController,
        OrganisationsController,
        AdminOrganisationsController,
        SocialHouseholdsController,
      ],
      providers: [HealthService, SessionCache, { provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
